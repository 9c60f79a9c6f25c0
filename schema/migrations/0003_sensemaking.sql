CREATE TABLE `classifier_models` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`trained_at` integer NOT NULL,
	`examples` integer NOT NULL,
	`metrics` text,
	`model` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `classifier_models_campaign` ON `classifier_models` (`campaign_id`,`trained_at`);--> statement-breakpoint
CREATE TABLE `cluster_members` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`cluster_id` text NOT NULL,
	`similarity` real,
	`pinned` integer DEFAULT false NOT NULL,
	`assigned_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cluster_members_cluster` ON `cluster_members` (`cluster_id`,`assigned_at`);--> statement-breakpoint
CREATE TABLE `cluster_models` (
	`campaign_id` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `clusters` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`phrases` text NOT NULL,
	`title` text,
	`representative_id` text,
	`representative_pinned` integer DEFAULT false NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`merged_into` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `clusters_campaign` ON `clusters` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`campaign_id` text,
	`status` text NOT NULL,
	`requested_by` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`result` text,
	`error` text,
	CONSTRAINT "jobs_kind" CHECK(kind in ('cluster-run', 'train-classifier', 'match-adoption')),
	CONSTRAINT "jobs_status_check" CHECK(status in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `jobs_status` ON `jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `labeled_examples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`text` text NOT NULL,
	`topic` text NOT NULL,
	`source` text NOT NULL,
	`submission_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `labeled_examples_campaign` ON `labeled_examples` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `routing_proposals` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`topic` text NOT NULL,
	`confidence` real NOT NULL,
	`evidence` text,
	`decision` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `text_signatures` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`signature` text NOT NULL,
	`group_id` text,
	`split_from` text
);
--> statement-breakpoint
CREATE INDEX `text_signatures_campaign` ON `text_signatures` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `text_signatures_group` ON `text_signatures` (`group_id`);