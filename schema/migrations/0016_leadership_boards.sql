CREATE TABLE `addressees` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text,
	`holder` text,
	`holder_en` text,
	`org_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`region_code` text,
	`retired` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `addressees_key_unique` ON `addressees` (`key`);--> statement-breakpoint
CREATE INDEX `addressees_org` ON `addressees` (`org_id`);--> statement-breakpoint
CREATE TABLE `figure_board_reply_times` (
	`generation` integer NOT NULL,
	`dim` text NOT NULL,
	`campaign_id` text NOT NULL,
	`period` text NOT NULL,
	`key` text NOT NULL,
	`bucket` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`generation`, `dim`, `key`, `campaign_id`, `period`, `bucket`)
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_user_roles` (
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`org_id` text DEFAULT '' NOT NULL,
	`addressee_id` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_roles_role" CHECK(role in ('netizen', 'handler', 'reviewer', 'editor', 'owner', 'admin', 'office'))
);
--> statement-breakpoint
INSERT INTO `__new_user_roles`("user_id", "role", "org_id") SELECT "user_id", "role", "org_id" FROM `user_roles`;--> statement-breakpoint
DROP TABLE `user_roles`;--> statement-breakpoint
ALTER TABLE `__new_user_roles` RENAME TO `user_roles`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `user_roles_unique` ON `user_roles` (`user_id`,`role`,`org_id`,`addressee_id`);--> statement-breakpoint
CREATE TABLE `__new_timeline_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text,
	`data` text,
	CONSTRAINT "timeline_events_type" CHECK(type in ('received', 'published', 'rejected', 'edited', 'routed', 'assigned', 'transferred', 'flagged', 'urgency-changed', 'extension-requested', 'extension-granted', 'extension-refused', 'reply-submitted', 'reply-approved', 'reply-returned', 'collective-reply', 'rated', 'reopened', 'escalated', 'closed', 'adopted', 'adoption-updated', 'adoption-withdrawn', 'held', 'hidden', 'restored', 'supports-discounted', 'support-burst-cleared', 'addressee-changed', 'instructed'))
);
--> statement-breakpoint
INSERT INTO `__new_timeline_events`("id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data") SELECT "id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data" FROM `timeline_events`;--> statement-breakpoint
DROP TABLE `timeline_events`;--> statement-breakpoint
ALTER TABLE `__new_timeline_events` RENAME TO `timeline_events`;--> statement-breakpoint
CREATE INDEX `timeline_events_submission` ON `timeline_events` (`submission_id`,`id`);--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`submission_id` text,
	`data` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	CONSTRAINT "notifications_type" CHECK(type in ('routed', 'replied', 'returned', 'rated', 'escalated', 'flagged', 'extension-requested', 'extension-decided', 'published', 'rejected', 'adopted', 'instructed'))
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "user_id", "type", "submission_id", "data", "created_at", "read_at") SELECT "id", "user_id", "type", "submission_id", "data", "created_at", "read_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
CREATE INDEX `notifications_user_created` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_user_unread` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
ALTER TABLE `submissions` ADD `addressee_id` text;--> statement-breakpoint
CREATE INDEX `submissions_addressee_published` ON `submissions` (`addressee_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `figure_cells_dim_key` ON `figure_cells` (`generation`,`dim`,`key`,`period`);