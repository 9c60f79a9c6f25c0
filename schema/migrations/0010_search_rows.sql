CREATE TABLE `submission_search_rows` (
	`submission_id` text PRIMARY KEY NOT NULL,
	`search_rowid` integer NOT NULL
);
--> statement-breakpoint
-- Existing index rows: remember where each submission's words are.
INSERT INTO `submission_search_rows` (`submission_id`, `search_rowid`) SELECT `submission_id`, max(`rowid`) FROM `submission_search` GROUP BY `submission_id`;
--> statement-breakpoint
DELETE FROM `submission_search` WHERE `rowid` NOT IN (SELECT `search_rowid` FROM `submission_search_rows`);
