-- Full-text search over published submissions, PostgreSQL's half of 0002_search.sql (FTS5 on
-- SQLite). The server segments title, body and approved replies with jieba (search mode) and
-- stores the words space-separated, as on SQLite; the 'simple' configuration only splits on
-- those spaces and lower-cases, so both engines match the same words. Kept in step by the
-- domain, in the same transaction as the change. Not a Drizzle table: Drizzle models neither a
-- generated tsvector nor a GIN index on it.
CREATE TABLE "submission_search" (
	"submission_id" text PRIMARY KEY NOT NULL,
	"words" text NOT NULL,
	"document" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "words")) STORED
);
--> statement-breakpoint
CREATE INDEX "submission_search_document" ON "submission_search" USING gin ("document");
