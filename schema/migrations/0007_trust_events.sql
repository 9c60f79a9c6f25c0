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
	CONSTRAINT "timeline_events_type" CHECK(type in ('received', 'published', 'rejected', 'edited', 'routed', 'assigned', 'transferred', 'flagged', 'urgency-changed', 'extension-requested', 'extension-granted', 'extension-refused', 'reply-submitted', 'reply-approved', 'reply-returned', 'collective-reply', 'rated', 'reopened', 'escalated', 'closed', 'adopted', 'adoption-updated', 'adoption-withdrawn', 'held', 'hidden', 'restored', 'supports-discounted', 'support-burst-cleared'))
);
--> statement-breakpoint
INSERT INTO `__new_timeline_events`("id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data") SELECT "id", "submission_id", "at", "actor_id", "actor_role", "type", "from_status", "to_status", "reason", "data" FROM `timeline_events`;--> statement-breakpoint
DROP TABLE `timeline_events`;--> statement-breakpoint
ALTER TABLE `__new_timeline_events` RENAME TO `timeline_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `timeline_events_submission` ON `timeline_events` (`submission_id`,`id`);