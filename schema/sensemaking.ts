import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { clusterEventTypes, roles, sqlIn } from './states.ts';

export const jobKinds = ['cluster-run', 'train-classifier', 'match-adoption'] as const;
export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;

/**
 * Near-duplicates and form letters: each submission's MinHash signature and its group. A group
 * counts as one voice with the weight of its members ("N people sent this text").
 */
export const textSignatures = sqliteTable(
  'text_signatures',
  {
    submissionId: text('submission_id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    signature: text('signature').notNull(),
    /** The group's key: the id of its first member; null when the text stands alone. */
    groupId: text('group_id'),
    /** Group keys a moderator split this submission out of: it never rejoins them. */
    splitFrom: text('split_from'),
  },
  (t) => [
    index('text_signatures_campaign').on(t.campaignId),
    index('text_signatures_group').on(t.groupId),
  ],
);

/** Topic clusters of a campaign; identities persist across re-runs; editors' decisions stick. */
export const clusters = sqliteTable(
  'clusters',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    /** Key phrases found by the algorithm (JSON array), refreshed by runs. */
    phrases: text('phrases').notNull(),
    /** An editor's name for the cluster; when set, runs never rename it. */
    title: text('title'),
    representativeId: text('representative_id'),
    /** The editor chose the representative: runs keep it. */
    representativePinned: integer('representative_pinned', { mode: 'boolean' })
      .notNull()
      .default(false),
    /** A locked cluster keeps its members through automatic runs. */
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    /** Set when an editor merged this cluster into another. */
    mergedInto: text('merged_into'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('clusters_campaign').on(t.campaignId)],
);

export const clusterMembers = sqliteTable(
  'cluster_members',
  {
    submissionId: text('submission_id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    similarity: real('similarity'),
    /** An editor put it here (split/merge/move): automatic runs leave it. */
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    assignedAt: integer('assigned_at').notNull(),
  },
  (t) => [index('cluster_members_cluster').on(t.clusterId, t.assignedAt)],
);

/**
 * The clusters' audit trail: every curation (rename, lock, pinned representative, merge, split,
 * a re-run asked for), who did it and in what role, append-only. `clusterId` is null for what
 * concerns the whole campaign (a re-run).
 */
export const clusterEvents = sqliteTable(
  'cluster_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    clusterId: text('cluster_id'),
    campaignId: text('campaign_id').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role', { enum: roles }).notNull(),
    type: text('type', { enum: clusterEventTypes }).notNull(),
    /** What changed (JSON): the new title, the clusters merged, the members split out … */
    data: text('data'),
  },
  (t) => [
    index('cluster_events_cluster').on(t.clusterId, t.id),
    index('cluster_events_campaign').on(t.campaignId, t.id),
    check('cluster_events_type', sql.raw(sqlIn('type', clusterEventTypes))),
  ],
);

/** The incremental-assignment model of a campaign's clusters (centroids, vocabulary), as JSON. */
export const clusterModels = sqliteTable('cluster_models', {
  campaignId: text('campaign_id').primaryKey(),
  model: text('model').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Labeled history and reviewers' corrections: the routing classifier's training data. */
export const labeledExamples = sqliteTable(
  'labeled_examples',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id').notNull(),
    text: text('text').notNull(),
    topic: text('topic').notNull(),
    /** 'import' (history loaded from CSV) or 'correction' (a reviewer fixed a proposal). */
    source: text('source').notNull(),
    submissionId: text('submission_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('labeled_examples_campaign').on(t.campaignId)],
);

export const classifierModels = sqliteTable(
  'classifier_models',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    trainedAt: integer('trained_at').notNull(),
    examples: integer('examples').notNull(),
    /** Cross-validated quality figures at training time (JSON). */
    metrics: text('metrics'),
    model: text('model').notNull(),
  },
  (t) => [index('classifier_models_campaign').on(t.campaignId, t.trainedAt)],
);

/** What the classifier proposed for a submission, and what became of it. */
export const routingProposals = sqliteTable('routing_proposals', {
  submissionId: text('submission_id').primaryKey(),
  modelId: text('model_id').notNull(),
  topic: text('topic').notNull(),
  confidence: real('confidence').notNull(),
  /** The words that drove the proposal (JSON [{ word, weight }]). */
  evidence: text('evidence'),
  /** 'auto' (routed without a reviewer), 'triage' (below the threshold), or null (author chose). */
  decision: text('decision'),
  createdAt: integer('created_at').notNull(),
});

/** Recorded background jobs (clustering runs, training, adoption matching). */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: jobKinds }).notNull(),
    campaignId: text('campaign_id'),
    /** What the job is about within the campaign, when narrower (a policy document's id). */
    subjectId: text('subject_id'),
    status: text('status', { enum: jobStatuses }).notNull(),
    requestedBy: text('requested_by'),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    result: text('result'),
    error: text('error'),
  },
  (t) => [
    index('jobs_status').on(t.status, t.createdAt),
    check('jobs_kind', sql.raw(sqlIn('kind', jobKinds))),
    check('jobs_status_check', sql.raw(sqlIn('status', jobStatuses))),
  ],
);

/**
 * Sensemaking still owed to a submission, written in the same transaction as the submission (or
 * its publication) and deleted in the transaction that does the work: a durable queue, so a crash
 * or restart loses none of it. `arrived`: near-duplicate fingerprint and group; `published`:
 * search index and topic-cluster assignment.
 */
export const sensemakingQueue = sqliteTable('sensemaking_queue', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  submissionId: text('submission_id').notNull(),
  task: text('task', { enum: ['arrived', 'published'] }).notNull(),
  /** Wall-clock milliseconds (not the app clock): what the lag is measured against. */
  enqueuedAt: integer('enqueued_at').notNull(),
});

/**
 * Which row of the full-text index (`submission_search`, an FTS5 table Drizzle does not model)
 * holds each submission's words. FTS5 can only find its rows quickly by rowid; without this, taking
 * a submission's old words out meant reading the whole index on every publication and reply.
 */
export const submissionSearchRows = sqliteTable('submission_search_rows', {
  submissionId: text('submission_id').primaryKey(),
  searchRowid: integer('search_rowid').notNull(),
});
