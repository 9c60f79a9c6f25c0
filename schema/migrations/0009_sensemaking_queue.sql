CREATE TABLE `sensemaking_queue` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` text NOT NULL,
	`task` text NOT NULL,
	`enqueued_at` integer NOT NULL
);
