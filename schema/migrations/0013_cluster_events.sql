CREATE TABLE `cluster_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cluster_id` text,
	`campaign_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`type` text NOT NULL,
	`data` text,
	CONSTRAINT "cluster_events_type" CHECK(type in ('renamed', 'locked', 'unlocked', 'representative-pinned', 'merged', 'merged-into', 'split', 'split-off', 'run-requested'))
);
--> statement-breakpoint
CREATE INDEX `cluster_events_cluster` ON `cluster_events` (`cluster_id`,`id`);--> statement-breakpoint
CREATE INDEX `cluster_events_campaign` ON `cluster_events` (`campaign_id`,`id`);