CREATE TABLE `adoption_candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`clause_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`score` real NOT NULL,
	`phrases` text NOT NULL,
	`state` text NOT NULL,
	`computed_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	CONSTRAINT "adoption_candidates_state" CHECK(state in ('proposed', 'confirmed', 'rejected')),
	CONSTRAINT "adoption_candidates_target" CHECK(target_kind in ('cluster', 'submission'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `adoption_candidates_pair` ON `adoption_candidates` (`clause_id`,`target_kind`,`target_id`);--> statement-breakpoint
CREATE INDEX `adoption_candidates_document` ON `adoption_candidates` (`document_id`,`state`,`score`);--> statement-breakpoint
CREATE TABLE `adoption_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`adoption_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `adoption_events_adoption` ON `adoption_events` (`adoption_id`,`id`);--> statement-breakpoint
CREATE TABLE `adoption_members` (
	`adoption_id` text NOT NULL,
	`submission_id` text NOT NULL,
	PRIMARY KEY(`adoption_id`, `submission_id`)
);
--> statement-breakpoint
CREATE INDEX `adoption_members_submission` ON `adoption_members` (`submission_id`);--> statement-breakpoint
CREATE TABLE `adoption_milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`adoption_id` text NOT NULL,
	`title` text NOT NULL,
	`occurred_on` text NOT NULL,
	`percent` integer NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "adoption_milestones_percent" CHECK(percent between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `adoption_milestones_adoption` ON `adoption_milestones` (`adoption_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `adoption_stories` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	CONSTRAINT "adoption_stories_status" CHECK(status in ('draft', 'published'))
);
--> statement-breakpoint
CREATE INDEX `adoption_stories_campaign` ON `adoption_stories` (`campaign_id`,`status`,`published_at`);--> statement-breakpoint
CREATE TABLE `adoption_story_links` (
	`story_id` text NOT NULL,
	`adoption_id` text NOT NULL,
	PRIMARY KEY(`story_id`, `adoption_id`)
);
--> statement-breakpoint
CREATE TABLE `adoptions` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`document_id` text NOT NULL,
	`clause_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`status` text NOT NULL,
	`quoted_span` text NOT NULL,
	`note` text,
	`evidence_url` text,
	`candidate_id` integer,
	`created_by` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`withdrawn_at` integer,
	CONSTRAINT "adoptions_status" CHECK(status in ('under_consideration', 'partially_adopted', 'adopted', 'implemented')),
	CONSTRAINT "adoptions_target" CHECK(target_kind in ('cluster', 'submission'))
);
--> statement-breakpoint
CREATE INDEX `adoptions_campaign` ON `adoptions` (`campaign_id`,`confirmed_at`);--> statement-breakpoint
CREATE INDEX `adoptions_document` ON `adoptions` (`document_id`);--> statement-breakpoint
CREATE TABLE `policy_clauses` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`anchor` text NOT NULL,
	`path` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`hash` text NOT NULL,
	`position` integer NOT NULL,
	`parent_anchor` text,
	`leaf` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE INDEX `policy_clauses_document` ON `policy_clauses` (`document_id`,`position`);--> statement-breakpoint
CREATE TABLE `policy_document_campaigns` (
	`document_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	PRIMARY KEY(`document_id`, `campaign_id`)
);
--> statement-breakpoint
CREATE INDEX `policy_document_campaigns_campaign` ON `policy_document_campaigns` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `policy_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`issuer` text NOT NULL,
	`issued_on` text NOT NULL,
	`source_url` text,
	`text` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
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
	CONSTRAINT "timeline_events_type" CHECK(type in ('received', 'published', 'rejected', 'edited', 'routed', 'assigned', 'transferred', 'flagged', 'urgency-changed', 'extension-requested', 'extension-granted', 'extension-refused', 'reply-submitted', 'reply-approved', 'reply-returned', 'collective-reply', 'rated', 'reopened', 'escalated', 'closed', 'adopted', 'adoption-updated', 'adoption-withdrawn'))
);
--> statement-breakpoint
INSERT INTO `__new_timeline_events`("id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data") SELECT "id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data" FROM `timeline_events`;--> statement-breakpoint
DROP TABLE `timeline_events`;--> statement-breakpoint
ALTER TABLE `__new_timeline_events` RENAME TO `timeline_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `timeline_events_submission` ON `timeline_events` (`submission_id`,`id`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `subject_id` text;