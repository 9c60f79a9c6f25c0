CREATE TABLE "addressees" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"holder" text,
	"holder_en" text,
	"org_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"region_code" text,
	"retired" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figure_board_reply_times" (
	"generation" bigint NOT NULL,
	"dim" text NOT NULL,
	"campaign_id" text NOT NULL,
	"period" text NOT NULL,
	"key" text NOT NULL,
	"bucket" bigint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "figure_board_reply_times_generation_dim_key_campaign_id_period_bucket_pk" PRIMARY KEY("generation","dim","key","campaign_id","period","bucket")
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_type";--> statement-breakpoint
ALTER TABLE "timeline_events" DROP CONSTRAINT "timeline_events_type";--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_role";--> statement-breakpoint
DROP INDEX "user_roles_unique";--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "addressee_id" text;--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "addressee_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "addressees_key_unique" ON "addressees" USING btree ("key");--> statement-breakpoint
CREATE INDEX "addressees_org" ON "addressees" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "figure_cells_dim_key" ON "figure_cells" USING btree ("generation","dim","key","period");--> statement-breakpoint
CREATE INDEX "submissions_addressee_published" ON "submissions" USING btree ("addressee_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_roles_unique" ON "user_roles" USING btree ("user_id","role","org_id","addressee_id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_type" CHECK (type in ('routed', 'replied', 'returned', 'rated', 'escalated', 'flagged', 'extension-requested', 'extension-decided', 'published', 'rejected', 'adopted', 'instructed'));--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_type" CHECK (type in ('received', 'published', 'rejected', 'edited', 'routed', 'assigned', 'transferred', 'flagged', 'urgency-changed', 'extension-requested', 'extension-granted', 'extension-refused', 'reply-submitted', 'reply-approved', 'reply-returned', 'collective-reply', 'rated', 'reopened', 'escalated', 'closed', 'adopted', 'adoption-updated', 'adoption-withdrawn', 'held', 'hidden', 'restored', 'supports-discounted', 'support-burst-cleared', 'addressee-changed', 'instructed'));--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_role" CHECK (role in ('netizen', 'handler', 'reviewer', 'editor', 'owner', 'admin', 'office'));