CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`kind` text NOT NULL,
	`parent_id` text,
	`region_code` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "organisations_kind" CHECK(kind in ('platform', 'ministry', 'province', 'city', 'county', 'department'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_code_unique` ON `organisations` (`code`);--> statement-breakpoint
CREATE INDEX `organisations_parent` ON `organisations` (`parent_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `user_roles` (
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`org_id` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_roles_role" CHECK(role in ('netizen', 'handler', 'reviewer', 'editor', 'owner', 'admin'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_roles_unique` ON `user_roles` (`user_id`,`role`,`org_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`phone` text,
	`email` text,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "users_has_login" CHECK("users"."phone" is not null or "users"."email" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_unique` ON `users` (`phone`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`ref_prefix` text NOT NULL,
	`owner_org_id` text NOT NULL,
	`source` text NOT NULL,
	`source_file` text,
	`definition` text NOT NULL,
	`definition_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "campaigns_source" CHECK(source in ('file', 'console'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_slug_unique` ON `campaigns` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_ref_prefix_unique` ON `campaigns` (`ref_prefix`);--> statement-breakpoint
CREATE TABLE `ref_counters` (
	`key` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`campaign_id` text NOT NULL,
	`author_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`title_public` text NOT NULL,
	`body_public` text NOT NULL,
	`has_personal_data` integer NOT NULL,
	`region_code` text,
	`topic` text,
	`custom` text,
	`show_name` integer NOT NULL,
	`status` text NOT NULL,
	`reject_reason` text,
	`support_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`updated_at` integer NOT NULL,
	CONSTRAINT "submissions_status" CHECK(status in ('received', 'published', 'rejected', 'answered', 'closed')),
	CONSTRAINT "submissions_kind" CHECK(kind in ('suggestion', 'message'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_ref_unique` ON `submissions` (`ref`);--> statement-breakpoint
CREATE INDEX `submissions_campaign_status_published` ON `submissions` (`campaign_id`,`status`,`published_at`);--> statement-breakpoint
CREATE INDEX `submissions_campaign_status_support` ON `submissions` (`campaign_id`,`status`,`support_count`);--> statement-breakpoint
CREATE INDEX `submissions_author` ON `submissions` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `submissions_status_created` ON `submissions` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `supports` (
	`submission_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`submission_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `timeline_events` (
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
	CONSTRAINT "timeline_events_type" CHECK(type in ('received', 'published', 'rejected', 'edited'))
);
--> statement-breakpoint
CREATE INDEX `timeline_events_submission` ON `timeline_events` (`submission_id`,`id`);