import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  adoptionStatuses,
  adoptionTargetKinds,
  candidateStates,
  sqlIn,
  storyStatuses,
} from './states.ts';

/** A policy document suggestions may have entered: a work report, a plan, a regulation. */
export const policyDocuments = sqliteTable('policy_documents', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  issuer: text('issuer').notNull(),
  /** China Standard Time calendar day the document was issued, YYYY-MM-DD. */
  issuedOn: text('issued_on').notNull(),
  sourceUrl: text('source_url'),
  /** The full text as last imported; clauses are offsets into it. */
  text: text('text').notNull(),
  /** Imports so far: a re-import with edits bumps it and re-anchors the clauses. */
  revision: integer('revision').notNull().default(1),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Which campaigns a document feeds (and whose suggestions it is matched against). */
export const policyDocumentCampaigns = sqliteTable(
  'policy_document_campaigns',
  {
    documentId: text('document_id').notNull(),
    campaignId: text('campaign_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.campaignId] }),
    index('policy_document_campaigns_campaign').on(t.campaignId),
  ],
);

/**
 * Addressable clauses. A clause row keeps its id across re-imports (re-anchoring follows it to its
 * new place); a clause the new text no longer has is retired, not deleted, so a link confirmed on
 * it still quotes the words it was confirmed on.
 */
export const policyClauses = sqliteTable(
  'policy_clauses',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id').notNull(),
    anchor: text('anchor').notNull(),
    /** Enclosing heading labels as the document writes them (JSON array): ['三', '（十）']. */
    path: text('path').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    hash: text('hash').notNull(),
    /** Reading order in the current revision. */
    position: integer('position').notNull(),
    parentAnchor: text('parent_anchor'),
    /** A leaf is what matching ranks and editors cite (a sentence, or an unsplit paragraph). */
    leaf: integer('leaf', { mode: 'boolean' }).notNull(),
    retiredAt: integer('retired_at'),
  },
  (t) => [index('policy_clauses_document').on(t.documentId, t.position)],
);

/** What matching proposed; editors confirm or reject. Rejections are remembered. */
export const adoptionCandidates = sqliteTable(
  'adoption_candidates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id').notNull(),
    clauseId: text('clause_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    targetKind: text('target_kind', { enum: adoptionTargetKinds }).notNull(),
    targetId: text('target_id').notNull(),
    score: real('score').notNull(),
    /** Shared key phrases with their spans on both sides (JSON), for highlighting. */
    phrases: text('phrases').notNull(),
    state: text('state', { enum: candidateStates }).notNull(),
    computedAt: integer('computed_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    uniqueIndex('adoption_candidates_pair').on(t.clauseId, t.targetKind, t.targetId),
    index('adoption_candidates_document').on(t.documentId, t.state, t.score),
    check('adoption_candidates_state', sql.raw(sqlIn('state', candidateStates))),
    check('adoption_candidates_target', sql.raw(sqlIn('target_kind', adoptionTargetKinds))),
  ],
);

/** A confirmed link from suggestions (a cluster or one submission) to a clause, with evidence. */
export const adoptions = sqliteTable(
  'adoptions',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    documentId: text('document_id').notNull(),
    clauseId: text('clause_id').notNull(),
    targetKind: text('target_kind', { enum: adoptionTargetKinds }).notNull(),
    targetId: text('target_id').notNull(),
    status: text('status', { enum: adoptionStatuses }).notNull(),
    /** The exact words of the clause that adopted the suggestion. */
    quotedSpan: text('quoted_span').notNull(),
    note: text('note'),
    evidenceUrl: text('evidence_url'),
    candidateId: integer('candidate_id'),
    createdBy: text('created_by').notNull(),
    confirmedAt: integer('confirmed_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
  },
  (t) => [
    index('adoptions_campaign').on(t.campaignId, t.confirmedAt),
    index('adoptions_document').on(t.documentId),
    check('adoptions_status', sql.raw(sqlIn('status', adoptionStatuses))),
    check('adoptions_target', sql.raw(sqlIn('target_kind', adoptionTargetKinds))),
  ],
);

/** Every submission behind an adoption (a cluster's members and their form-letter groups). */
export const adoptionMembers = sqliteTable(
  'adoption_members',
  {
    adoptionId: text('adoption_id').notNull(),
    submissionId: text('submission_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.adoptionId, t.submissionId] }),
    index('adoption_members_submission').on(t.submissionId),
  ],
);

/** The audit log of an adoption link itself: confirmed, status changes, evidence edits, withdrawal. */
export const adoptionEvents = sqliteTable(
  'adoption_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    adoptionId: text('adoption_id').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    type: text('type').notNull(),
    data: text('data'),
  },
  (t) => [index('adoption_events_adoption').on(t.adoptionId, t.id)],
);

/** Dated progress of an adopted measure: regulation issued, project started, completed. */
export const adoptionMilestones = sqliteTable(
  'adoption_milestones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    adoptionId: text('adoption_id').notNull(),
    title: text('title').notNull(),
    occurredOn: text('occurred_on').notNull(),
    percent: integer('percent').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('adoption_milestones_adoption').on(t.adoptionId, t.occurredOn),
    check('adoption_milestones_percent', sql`percent between 0 and 100`),
  ],
);

/** Short pieces about an adoption ("from golden idea to golden key"). */
export const adoptionStories = sqliteTable(
  'adoption_stories',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: storyStatuses }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    publishedAt: integer('published_at'),
  },
  (t) => [
    index('adoption_stories_campaign').on(t.campaignId, t.status, t.publishedAt),
    check('adoption_stories_status', sql.raw(sqlIn('status', storyStatuses))),
  ],
);

export const adoptionStoryLinks = sqliteTable(
  'adoption_story_links',
  {
    storyId: text('story_id').notNull(),
    adoptionId: text('adoption_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.adoptionId] })],
);
