CREATE TABLE `figure_cells` (
	`generation` integer NOT NULL,
	`dim` text NOT NULL,
	`campaign_id` text NOT NULL,
	`period` text NOT NULL,
	`key` text NOT NULL,
	`topic` text NOT NULL,
	`received` integer NOT NULL,
	`published` integer NOT NULL,
	`replied` integer NOT NULL,
	`unit_replied` integer NOT NULL,
	`on_time` integer NOT NULL,
	`satisfied` integer NOT NULL,
	`basically` integer NOT NULL,
	`unsatisfied` integer NOT NULL,
	`adopted` integer NOT NULL,
	PRIMARY KEY(`generation`, `dim`, `campaign_id`, `period`, `key`, `topic`)
);
--> statement-breakpoint
CREATE INDEX `figure_cells_dim_period` ON `figure_cells` (`generation`,`dim`,`period`);--> statement-breakpoint
CREATE TABLE `figure_hot_topics` (
	`generation` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`title` text NOT NULL,
	`people` integer NOT NULL,
	`last_week` integer NOT NULL,
	`supports` integer NOT NULL,
	PRIMARY KEY(`generation`, `campaign_id`, `cluster_id`)
);
--> statement-breakpoint
CREATE TABLE `figure_reply_times` (
	`generation` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`bucket` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`generation`, `campaign_id`, `day`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `figure_snapshots` (
	`generation` integer PRIMARY KEY NOT NULL,
	`taken_at` integer NOT NULL,
	`finished_at` integer,
	`submissions` integer DEFAULT 0 NOT NULL
);
