CREATE TABLE `collective_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`title` text NOT NULL,
	`scope` text NOT NULL,
	`author_id` text NOT NULL,
	`org_id` text,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `collective_reply_members` (
	`collective_id` text NOT NULL,
	`submission_id` text NOT NULL,
	PRIMARY KEY(`collective_id`, `submission_id`)
);
--> statement-breakpoint
CREATE INDEX `collective_members_submission` ON `collective_reply_members` (`submission_id`);--> statement-breakpoint
CREATE TABLE `handling_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`from_unit_id` text,
	`how` text NOT NULL,
	`reason` text,
	`actor_id` text,
	`at` integer NOT NULL,
	`round` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `handling_assignments_submission` ON `handling_assignments` (`submission_id`,`id`);--> statement-breakpoint
CREATE INDEX `handling_assignments_unit_at` ON `handling_assignments` (`unit_id`,`at`);--> statement-breakpoint
CREATE TABLE `handlings` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`state` text NOT NULL,
	`unit_id` text,
	`urgency` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`routed_at` integer,
	`due_at` integer,
	`transfer_count` integer DEFAULT 0 NOT NULL,
	`flag_reason` text,
	`extension` text DEFAULT 'none' NOT NULL,
	`extension_reason` text,
	`extension_days` integer,
	`escalated_at` integer,
	`answered_at` integer,
	`updated_at` integer NOT NULL,
	CONSTRAINT "handlings_state" CHECK(state in ('unrouted', 'routed', 'replied', 'returned', 'approved', 'rated')),
	CONSTRAINT "handlings_urgency" CHECK(urgency in ('urgent', 'normal')),
	CONSTRAINT "handlings_extension" CHECK(extension in ('none', 'requested', 'granted', 'refused'))
);
--> statement-breakpoint
CREATE INDEX `handlings_unit_state_due` ON `handlings` (`unit_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `handlings_state_due` ON `handlings` (`state`,`due_at`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`submission_id` text NOT NULL,
	`round` integer NOT NULL,
	`value` text NOT NULL,
	`comment` text,
	`unit_id` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`submission_id`, `round`),
	CONSTRAINT "ratings_value" CHECK(value in ('satisfied', 'basically', 'unsatisfied'))
);
--> statement-breakpoint
CREATE INDEX `ratings_unit_at` ON `ratings` (`unit_id`,`at`);--> statement-breakpoint
CREATE TABLE `replies` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text,
	`collective_id` text,
	`unit_id` text,
	`author_id` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`body` text NOT NULL,
	`office` text,
	`contact_phone` text,
	`state` text NOT NULL,
	`submitted_at` integer NOT NULL,
	`due_at` integer,
	`reviewer_id` text,
	`reviewed_at` integer,
	`return_reason` text,
	`return_note` text,
	`perfunctory_score` integer,
	CONSTRAINT "replies_state" CHECK(state in ('submitted', 'approved', 'returned')),
	CONSTRAINT "replies_return_reason" CHECK("replies"."return_reason" is null or return_reason in ('perfunctory', 'not-answered', 'wrong-unit', 'no-commitment', 'other'))
);
--> statement-breakpoint
CREATE INDEX `replies_submission` ON `replies` (`submission_id`,`round`,`version`);--> statement-breakpoint
CREATE INDEX `replies_state_submitted` ON `replies` (`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `replies_unit_reviewed` ON `replies` (`unit_id`,`reviewed_at`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `email_outbox_pending` ON `email_outbox` (`sent_at`,`id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`submission_id` text,
	`data` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	CONSTRAINT "notifications_type" CHECK(type in ('routed', 'replied', 'returned', 'rated', 'escalated', 'flagged', 'extension-requested', 'extension-decided', 'published', 'rejected', 'adopted'))
);
--> statement-breakpoint
CREATE INDEX `notifications_user_created` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_user_unread` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
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
	CONSTRAINT "timeline_events_type" CHECK(type in ('received', 'published', 'rejected', 'edited', 'routed', 'assigned', 'transferred', 'flagged', 'urgency-changed', 'extension-requested', 'extension-granted', 'extension-refused', 'reply-submitted', 'reply-approved', 'reply-returned', 'collective-reply', 'rated', 'reopened', 'escalated', 'closed'))
);
--> statement-breakpoint
INSERT INTO `__new_timeline_events`("id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data") SELECT "id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data" FROM `timeline_events`;--> statement-breakpoint
DROP TABLE `timeline_events`;--> statement-breakpoint
ALTER TABLE `__new_timeline_events` RENAME TO `timeline_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `timeline_events_submission` ON `timeline_events` (`submission_id`,`id`);