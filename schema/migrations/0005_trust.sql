CREATE TABLE `content_holds` (
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`state` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	PRIMARY KEY(`target_kind`, `target_id`),
	CONSTRAINT "content_holds_target_kind" CHECK(target_kind in ('submission', 'reply')),
	CONSTRAINT "content_holds_state" CHECK(state in ('pending-review', 'hidden'))
);
--> statement-breakpoint
CREATE INDEX `content_holds_submission` ON `content_holds` (`submission_id`);--> statement-breakpoint
CREATE TABLE `pending_logins` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pending_logins_user` ON `pending_logins` (`user_id`);--> statement-breakpoint
CREATE TABLE `platform_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_user` ON `recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`submission_id` text NOT NULL,
	`reporter_id` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`state` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_by` text,
	`resolved_at` integer,
	CONSTRAINT "reports_target_kind" CHECK(target_kind in ('submission', 'reply')),
	CONSTRAINT "reports_reason" CHECK(reason in ('spam', 'abuse', 'personal-data', 'illegal', 'off-topic', 'other')),
	CONSTRAINT "reports_state" CHECK(state in ('open', 'dismissed', 'upheld'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_once_per_account` ON `reports` (`target_kind`,`target_id`,`reporter_id`);--> statement-breakpoint
CREATE INDEX `reports_state_created` ON `reports` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `support_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` text NOT NULL,
	`network` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`resolved_by` text,
	`resolved_at` integer,
	CONSTRAINT "support_flags_state" CHECK(state in ('open', 'discounted', 'cleared'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `support_flags_submission_network` ON `support_flags` (`submission_id`,`network`);--> statement-breakpoint
CREATE INDEX `support_flags_state` ON `support_flags` (`state`,`last_at`);--> statement-breakpoint
CREATE TABLE `support_origins` (
	`submission_id` text NOT NULL,
	`user_id` text NOT NULL,
	`ip` text NOT NULL,
	`network` text NOT NULL,
	`created_at` integer NOT NULL,
	`discounted` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`submission_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `support_origins_network` ON `support_origins` (`submission_id`,`network`,`created_at`);--> statement-breakpoint
CREATE TABLE `user_totp` (
	`user_id` text PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`enabled_at` integer,
	`last_step` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	CONSTRAINT "timeline_events_type" CHECK(type in ('received', 'published', 'rejected', 'edited', 'routed', 'assigned', 'transferred', 'flagged', 'urgency-changed', 'extension-requested', 'extension-granted', 'extension-refused', 'reply-submitted', 'reply-approved', 'reply-returned', 'collective-reply', 'rated', 'reopened', 'escalated', 'closed', 'adopted', 'adoption-updated', 'adoption-withdrawn', 'held', 'hidden', 'restored'))
);
--> statement-breakpoint
INSERT INTO `__new_timeline_events`("id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data") SELECT "id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data" FROM `timeline_events`;--> statement-breakpoint
DROP TABLE `timeline_events`;--> statement-breakpoint
ALTER TABLE `__new_timeline_events` RENAME TO `timeline_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `timeline_events_submission` ON `timeline_events` (`submission_id`,`id`);