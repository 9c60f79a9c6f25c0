// What sensemaking owes to submissions (the queue), and what it has learnt about them: their
// near-duplicate signatures and groups, the routing classifier's training data, models and
// proposals.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import { publicText } from './fragments.ts';
import type { Rows } from './rows.ts';

export type SensemakingTask = 'arrived' | 'published';

export type QueuedItem = Pick<
  Rows['sensemakingQueue'],
  'seq' | 'submissionId' | 'task' | 'enqueuedAt'
> & {
  campaignId: string | null;
  title: string | null;
  body: string | null;
  status: Rows['submissions']['status'] | null;
};

type Signature = Rows['textSignatures'];
/** A stored near-duplicate signature, as the index is rebuilt from it. */
export type StoredSignature = Pick<Signature, 'signature' | 'groupId' | 'splitFrom'> & {
  id: string;
};
type Example = Rows['labeledExamples'];
type Model = Rows['classifierModels'];

const queueStats = sql<{ pending: number; oldest: number | null }>(
  'select count(*) as pending, min(enqueued_at) as oldest from sensemaking_queue',
);
const queueBatch = sql<QueuedItem>(
  (d) => `select q.seq, q.submission_id as "submissionId", q.task, q.enqueued_at as "enqueuedAt",
     s.campaign_id as "campaignId", ${publicText('s', 'title')} as title,
     ${publicText('s', 'body')} as body, s.status
   from sensemaking_queue q left join submissions s on s.id = q.submission_id
   where q.seq not in ${d.list('bigint')} order by q.seq limit ?`,
);
const dequeue = sql((d) => `delete from sensemaking_queue where seq in ${d.list('bigint')}`);
const enqueue = sql(
  'insert into sensemaking_queue (submission_id, task, enqueued_at) values (?, ?, ?)',
);

/**
 * A campaign's stored signatures in order of arrival (time, then reference number), so that the
 * rebuilt groups keep their keys: the oldest member's id.
 */
export const signaturesInOrder = sql<StoredSignature>(
  `select t.submission_id as id, t.signature, t.group_id as "groupId", t.split_from as "splitFrom"
   from text_signatures t join submissions s on s.id = t.submission_id
   where t.campaign_id = ? order by s.created_at, s.ref`,
);
const signaturesByIds = sql<Omit<StoredSignature, 'splitFrom'>>(
  (d) => `select submission_id as id, signature, group_id as "groupId" from text_signatures
   where submission_id in ${d.list('text')}`,
);
/** Submissions a moderator split out of a group, with the ids they must never rejoin (JSON). */
export const splitSignatures = sql<{ id: string; splitFrom: string }>(
  `select submission_id as id, split_from as "splitFrom" from text_signatures
   where campaign_id = ? and split_from is not null`,
);
export const signatureCount = sql<{ n: number }>(
  'select count(*) as n from text_signatures where campaign_id = ?',
);
const signatureCountUpTo = sql<{ n: number }>(
  'select count(*) as n from (select 1 from text_signatures where campaign_id = ? limit ?) x',
);
// A signature stored by a write whose outcome was lost (committed, then reported as failed) is
// simply written again: the group is set by the same write when the submission has one.
const insertSignature = sql(
  `insert into text_signatures (submission_id, campaign_id, signature) values (?, ?, ?)
   on conflict (submission_id) do update set campaign_id = excluded.campaign_id,
     signature = excluded.signature, group_id = null`,
);
const setGroup = sql('update text_signatures set group_id = ? where submission_id = ?');
// A batch's signatures and groups in one statement each, however large the batch.
const insertSignatures = sql(
  (d) => `insert into text_signatures (submission_id, campaign_id, signature)
   select id, campaign, signature from ${d.rows([
     ['id', 'text'],
     ['campaign', 'text'],
     ['signature', 'text'],
   ])} where true
   on conflict (submission_id) do update set campaign_id = excluded.campaign_id,
     signature = excluded.signature, group_id = null`,
);
const setGroups = sql(
  (d) => `update text_signatures set group_id = r.group_id
   from ${d.rows([
     ['id', 'text'],
     ['group_id', 'text'],
   ])} where text_signatures.submission_id = r.id`,
);
const groupsOf = sql<{ id: string; groupId: string | null }>(
  (d) => `select submission_id as id, group_id as "groupId" from text_signatures
   where submission_id in ${d.list('text')}`,
);
const groupMembers = sql<{ id: string }>(
  'select submission_id as id from text_signatures where group_id = ? order by submission_id',
);
const splitFromOf = sql<{ id: string; splitFrom: string | null }>(
  (d) => `select submission_id as id, split_from as "splitFrom" from text_signatures
   where submission_id in ${d.list('text')}`,
);
const setSplitFrom = sql('update text_signatures set split_from = ? where submission_id = ?');

const labeledExamples = sql<
  Pick<Example, 'text' | 'topic' | 'source' | 'submissionId'> & {
    at: number;
  }
>(
  `select text, topic, source, submission_id as "submissionId", created_at as at
   from labeled_examples where campaign_id = ? order by id`,
);
const insertExample = sql(
  `insert into labeled_examples (campaign_id, text, topic, source, submission_id, created_at)
   values (@campaignId, @text, @topic, @source, @submissionId, @createdAt)`,
);
const exampleCounts = sql<{ source: string; n: number }>(
  'select source, count(*) as n from labeled_examples where campaign_id = ? group by source',
);

const latestModel = sql<Pick<Model, 'id' | 'model'>>(
  `select id, model from classifier_models where campaign_id = ?
   order by trained_at desc, id desc limit 1`,
);
const latestModelInfo = sql<Pick<Model, 'id' | 'trainedAt' | 'examples' | 'metrics'>>(
  `select id, trained_at as "trainedAt", examples, metrics from classifier_models
   where campaign_id = ? order by trained_at desc, id desc limit 1`,
);
const insertModel = sql(
  `insert into classifier_models (id, campaign_id, trained_at, examples, metrics, model)
   values (@id, @campaignId, @trainedAt, @examples, @metrics, @model)`,
);
const upsertProposal = sql(
  `insert into routing_proposals (submission_id, model_id, topic, confidence, evidence, decision,
     created_at)
   values (@submissionId, @modelId, @topic, @confidence, @evidence, @decision, @createdAt)
   on conflict (submission_id) do update set model_id = excluded.model_id, topic = excluded.topic,
     confidence = excluded.confidence, evidence = excluded.evidence, decision = excluded.decision,
     created_at = excluded.created_at`,
);

export class SensemakingStore {
  constructor(private readonly q: Queryable) {}

  /**
   * Owes a submission its sensemaking; call inside the transaction that inserts or publishes it.
   * Stamped with the wall clock, not the service clock: it measures how far the queue lags.
   */
  enqueue(submissionId: string, task: SensemakingTask) {
    return this.q.run(enqueue, submissionId, task, Date.now());
  }

  /** Queue depth and the enqueue time of its oldest entry. */
  async queueStats() {
    return (await this.q.get(queueStats))!;
  }

  /**
   * The first `size` entries in queue order, leaving out `inHand` (a batch taken but not yet
   * applied), with each submission's public text.
   */
  queueBatch(inHand: number[], size: number) {
    return this.q.all(queueBatch, inHand, size);
  }

  /**
   * Removes a batch that was worked, by its entries. Not by range: on PostgreSQL a transaction
   * can commit an entry with a lower `seq` after one with a higher `seq` was read, and that entry
   * must stay queued for the next batch.
   */
  dequeue(seqs: number[]) {
    if (seqs.length === 0) return Promise.resolve({ changes: 0 });
    return this.q.run(dequeue, seqs);
  }

  // Near-duplicate signatures and groups.

  /** How many signatures the campaign has stored, counting no further than `cap`. */
  async signatureCountUpTo(campaignId: string, cap: number): Promise<number> {
    return (await this.q.value(signatureCountUpTo, campaignId, cap)) ?? 0;
  }

  /** Every stored signature of the campaign, in order of arrival (a small campaign's rebuild). */
  signatures(campaignId: string) {
    return this.q.all(signaturesInOrder, campaignId);
  }

  /** These submissions' stored signatures and groups (another node just stored them). */
  signaturesByIds(ids: string[]) {
    return ids.length === 0 ? Promise.resolve([]) : this.q.all(signaturesByIds, ids);
  }

  insertSignature(submissionId: string, campaignId: string, signature: string) {
    return this.q.run(insertSignature, submissionId, campaignId, signature);
  }

  /** Stores many signatures in one statement (a sensemaking batch). */
  async insertSignatures(
    rows: readonly { submissionId: string; campaignId: string; signature: string }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.q.run(
      insertSignatures,
      rows.map((r) => r.submissionId),
      rows.map((r) => r.campaignId),
      rows.map((r) => r.signature),
    );
  }

  /** Sets the groups of many submissions in one statement (null: it stands alone). */
  async setGroups(groups: ReadonlyMap<string, string | null>): Promise<void> {
    if (groups.size === 0) return;
    const ids = [...groups.keys()];
    // A JS null travels as JSON null (SQLite) or a SQL NULL array element (PostgreSQL).
    await this.q.run(
      setGroups,
      ids,
      ids.map((id) => groups.get(id) ?? null),
    );
  }

  /** Sets the near-duplicate group a submission is stored with (null: it stands alone). */
  setGroup(submissionId: string, groupId: string | null) {
    return this.q.run(setGroup, groupId, submissionId);
  }

  /** The stored group of each of these submissions (null: alone; absent: no signature yet). */
  async groupsOf(ids: string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.q.all(groupsOf, ids)).map((r) => [r.id, r.groupId]));
  }

  /** The submissions stored in a near-duplicate group. */
  groupMembers(groupId: string): Promise<string[]> {
    return this.q.column(groupMembers, groupId);
  }

  /**
   * Records "never group again" pairs (a moderator's split): each `[a, b]` adds `b` to the ids
   * `a` was split from. Two statements for the read, one write per submission that changed.
   */
  async addSplitPairs(pairs: [string, string][]): Promise<void> {
    if (pairs.length === 0) return;
    const ids = [...new Set(pairs.map(([a]) => a))];
    const current = new Map(
      (await this.q.all(splitFromOf, ids)).map((r) => [
        r.id,
        r.splitFrom ? (JSON.parse(r.splitFrom) as string[]) : [],
      ]),
    );
    for (const [a, b] of pairs) current.get(a)?.push(b);
    for (const [id, from] of current) await this.q.run(setSplitFrom, JSON.stringify(from), id);
  }

  // The routing classifier.

  /** A campaign's labelled history and reviewers' corrections, oldest first. */
  labeledExamples(campaignId: string) {
    return this.q.all(labeledExamples, campaignId);
  }

  addLabeledExample(
    e: Pick<Example, 'campaignId' | 'text' | 'topic' | 'source' | 'submissionId' | 'createdAt'>,
  ) {
    return this.q.run(insertExample, e);
  }

  /** How many labelled examples the campaign has, by source (`import`, `correction`). */
  async labeledExampleCounts(campaignId: string): Promise<Map<string, number>> {
    return new Map((await this.q.all(exampleCounts, campaignId)).map((r) => [r.source, r.n]));
  }

  /** A campaign's newest routing model (serialized), if one was trained. */
  latestModel(campaignId: string) {
    return this.q.get(latestModel, campaignId);
  }

  /** When the newest model was trained, on how many examples, how well (no model itself). */
  latestModelInfo(campaignId: string) {
    return this.q.get(latestModelInfo, campaignId);
  }

  addModel(m: Model) {
    return this.q.run(insertModel, m);
  }

  /** Records (or replaces) the classifier's proposal for a submission, for reviewers. */
  recordProposal(p: Rows['routingProposals']) {
    return this.q.run(upsertProposal, p);
  }
}
