CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"hits" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expires" ON "rate_limits" USING btree ("expires_at");--> statement-breakpoint
-- Counters need no WAL: a hot key (one network's submissions) would otherwise wait for a WAL
-- flush per hit while holding its row lock. A database crash empties the table (limits forgive).
ALTER TABLE "rate_limits" SET UNLOGGED;
