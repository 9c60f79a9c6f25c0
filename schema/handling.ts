import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  extensionStates,
  handlingStates,
  replyStates,
  returnReasons,
  satisfactions,
  sqlIn,
  urgencies,
} from './states.ts';

/**
 * One row per submission of a routed campaign, from publication on: where it is in the
 * handling lifecycle, which unit holds it and by when it must be answered.
 */
export const handlings = sqliteTable(
  'handlings',
  {
    submissionId: text('submission_id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    state: text('state', { enum: handlingStates }).notNull(),
    /** The unit holding it now; null while it waits in triage. */
    unitId: text('unit_id'),
    urgency: text('urgency', { enum: urgencies }).notNull(),
    /** 1 for the first answer; 2 after the author rated the first one 不满意. */
    round: integer('round').notNull().default(1),
    routedAt: integer('routed_at'),
    dueAt: integer('due_at'),
    transferCount: integer('transfer_count').notNull().default(0),
    /** Set when bounced around (transferred more than twice, or back to a unit that had it). */
    flagReason: text('flag_reason'),
    extension: text('extension', { enum: extensionStates }).notNull().default('none'),
    extensionReason: text('extension_reason'),
    extensionDays: integer('extension_days'),
    escalatedAt: integer('escalated_at'),
    /** When the approved reply of the current round went public (for on-time figures). */
    answeredAt: integer('answered_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('handlings_unit_state_due').on(t.unitId, t.state, t.dueAt),
    index('handlings_state_due').on(t.state, t.dueAt),
    check('handlings_state', sql.raw(sqlIn('state', handlingStates))),
    check('handlings_urgency', sql.raw(sqlIn('urgency', urgencies))),
    check('handlings_extension', sql.raw(sqlIn('extension', extensionStates))),
  ],
);

/** The chain of units a submission passed through, first assignment included. */
export const handlingAssignments = sqliteTable(
  'handling_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: text('submission_id').notNull(),
    unitId: text('unit_id').notNull(),
    fromUnitId: text('from_unit_id'),
    /** 'rule' | 'reviewer' | 'transfer' | 'reopen' */
    how: text('how').notNull(),
    reason: text('reason'),
    actorId: text('actor_id'),
    at: integer('at').notNull(),
    round: integer('round').notNull(),
  },
  (t) => [
    index('handling_assignments_submission').on(t.submissionId, t.id),
    index('handling_assignments_unit_at').on(t.unitId, t.at),
  ],
);

/**
 * Replies, every version kept: a returned reply stays with its reviewer's reason, and the unit's
 * next version is a new row. A collective reply (公开答复) has no submission and many members.
 */
export const replies = sqliteTable(
  'replies',
  {
    id: text('id').primaryKey(),
    submissionId: text('submission_id'),
    collectiveId: text('collective_id'),
    unitId: text('unit_id'),
    authorId: text('author_id').notNull(),
    round: integer('round').notNull().default(1),
    version: integer('version').notNull().default(1),
    body: text('body').notNull(),
    office: text('office'),
    contactPhone: text('contact_phone'),
    state: text('state', { enum: replyStates }).notNull(),
    submittedAt: integer('submitted_at').notNull(),
    /** The due date when the reply was sent, so 'answered on time' survives later changes. */
    dueAt: integer('due_at'),
    reviewerId: text('reviewer_id'),
    reviewedAt: integer('reviewed_at'),
    returnReason: text('return_reason', { enum: returnReasons }),
    returnNote: text('return_note'),
    /** Perfunctory-reply score shown to reviewers (0 = substantive … 1 = perfunctory). */
    perfunctoryScore: integer('perfunctory_score'),
  },
  (t) => [
    index('replies_submission').on(t.submissionId, t.round, t.version),
    index('replies_state_submitted').on(t.state, t.submittedAt),
    index('replies_unit_reviewed').on(t.unitId, t.reviewedAt),
    check('replies_state', sql.raw(sqlIn('state', replyStates))),
    check(
      'replies_return_reason',
      sql`${t.returnReason} is null or ${sql.raw(sqlIn('return_reason', returnReasons))}`,
    ),
  ],
);

/** One public reply to many submissions (a topic, later a cluster). */
export const collectiveReplies = sqliteTable('collective_replies', {
  id: text('id').primaryKey(),
  campaignId: text('campaign_id').notNull(),
  title: text('title').notNull(),
  /** What it answers, e.g. `topic:employment`; informative, the member rows are the truth. */
  scope: text('scope').notNull(),
  authorId: text('author_id').notNull(),
  orgId: text('org_id'),
  publishedAt: integer('published_at').notNull(),
});

export const collectiveReplyMembers = sqliteTable(
  'collective_reply_members',
  {
    collectiveId: text('collective_id').notNull(),
    submissionId: text('submission_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.collectiveId, t.submissionId] }),
    index('collective_members_submission').on(t.submissionId),
  ],
);

/** The author's rating of an answer, once per round (or per collective reply). */
export const ratings = sqliteTable(
  'ratings',
  {
    submissionId: text('submission_id').notNull(),
    round: integer('round').notNull(),
    value: text('value', { enum: satisfactions }).notNull(),
    comment: text('comment'),
    unitId: text('unit_id'),
    at: integer('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.round] }),
    index('ratings_unit_at').on(t.unitId, t.at),
    check('ratings_value', sql.raw(sqlIn('value', satisfactions))),
  ],
);
