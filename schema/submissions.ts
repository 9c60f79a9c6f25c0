import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { sqlIn, submissionKinds, submissionStatuses, timelineEventTypes, roles } from './states.ts';

export const submissions = sqliteTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    /** Human reference number the citizen quotes, e.g. LB-2026-000123. */
    ref: text('ref').notNull(),
    campaignId: text('campaign_id').notNull(),
    authorId: text('author_id').notNull(),
    kind: text('kind', { enum: submissionKinds }).notNull(),
    /** The author's own words, sealed: only the author and staff see them. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    /**
     * The same words with personal data masked: what the public and other netizens see. Empty
     * when there was nothing to mask (most texts): the original is then the public text, and
     * each row holds its words once instead of twice (a third less written per submission).
     * Read it with `publicText()` (server/submissions/submission-row.ts), never directly.
     */
    titlePublic: text('title_public').notNull(),
    bodyPublic: text('body_public').notNull(),
    hasPersonalData: integer('has_personal_data', { mode: 'boolean' }).notNull(),
    regionCode: text('region_code'),
    /** Whom the message is written to (a leadership board's addressee); null elsewhere. */
    addresseeId: text('addressee_id'),
    topic: text('topic'),
    custom: text('custom'),
    /**
     * The custom fields with personal data masked, as `title_public` is to `title`: null when
     * masking changed nothing (the original is then public). Read through `publicCustom()`.
     */
    customPublic: text('custom_public'),
    showName: integer('show_name', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: submissionStatuses }).notNull(),
    rejectReason: text('reject_reason'),
    supportCount: integer('support_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    publishedAt: integer('published_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('submissions_ref_unique').on(t.ref),
    index('submissions_campaign_status_published').on(t.campaignId, t.status, t.publishedAt),
    index('submissions_campaign_status_support').on(t.campaignId, t.status, t.supportCount),
    index('submissions_author').on(t.authorId, t.createdAt),
    index('submissions_status_created').on(t.status, t.createdAt),
    // The open-data export reads a campaign's submissions in the order received, within a date
    // range, straight from this index: no sort of a whole campaign before the first row.
    index('submissions_campaign_created').on(t.campaignId, t.createdAt),
    // An addressee's board lists its newest messages first.
    index('submissions_addressee_published').on(t.addresseeId, t.publishedAt),
    check('submissions_status', sql.raw(sqlIn('status', submissionStatuses))),
    check('submissions_kind', sql.raw(sqlIn('kind', submissionKinds))),
  ],
);

/** Append-only: every state change, who made it, when and why. Also the audit trail. */
export const timelineEvents = sqliteTable(
  'timeline_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: text('submission_id').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role', { enum: roles }),
    type: text('type', { enum: timelineEventTypes }).notNull(),
    fromStatus: text('from_status', { enum: submissionStatuses }),
    toStatus: text('to_status', { enum: submissionStatuses }),
    reason: text('reason'),
    data: text('data'),
  },
  (t) => [
    index('timeline_events_submission').on(t.submissionId, t.id),
    check('timeline_events_type', sql.raw(sqlIn('type', timelineEventTypes))),
  ],
);

export const supports = sqliteTable(
  'supports',
  {
    submissionId: text('submission_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.userId] })],
);
