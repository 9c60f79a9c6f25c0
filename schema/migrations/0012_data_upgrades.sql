CREATE TABLE `data_upgrades` (
	`key` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`finished_at` integer NOT NULL
);
