// What sensemaking owes to submissions (the queue), and what it has learnt about them.
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

const queueStats = sql<{ pending: number; oldest: number | null }>(
  'select count(*) as pending, min(enqueued_at) as oldest from sensemaking_queue',
);
const queueBatch = sql<QueuedItem>(
  `select q.seq, q.submission_id as "submissionId", q.task, q.enqueued_at as "enqueuedAt",
     s.campaign_id as "campaignId", ${publicText('s', 'title')} as title,
     ${publicText('s', 'body')} as body, s.status
   from sensemaking_queue q left join submissions s on s.id = q.submission_id
   where q.seq > ? order by q.seq limit ?`,
);
const dequeueThrough = sql('delete from sensemaking_queue where seq <= ?');

const latestModel = sql<Pick<Rows['classifierModels'], 'id' | 'model'>>(
  `select id, model from classifier_models where campaign_id = ?
   order by trained_at desc, id desc limit 1`,
);
const upsertProposal = sql(
  `insert into routing_proposals (submission_id, model_id, topic, confidence, evidence, decision,
     created_at)
   values (@submissionId, @modelId, @topic, @confidence, @evidence, @decision, @createdAt)
   on conflict (submission_id) do update set model_id = excluded.model_id, topic = excluded.topic,
     confidence = excluded.confidence, evidence = excluded.evidence, decision = excluded.decision,
     created_at = excluded.created_at`,
);
const enqueue = sql(
  'insert into sensemaking_queue (submission_id, task, enqueued_at) values (?, ?, ?)',
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

  /** The next batch after `afterSeq`, in queue order, with each submission's public text. */
  queueBatch(afterSeq: number, size: number) {
    return this.q.all(queueBatch, afterSeq, size);
  }

  /** Removes the queue's head through `seq` (a batch that was worked). */
  dequeueThrough(seq: number) {
    return this.q.run(dequeueThrough, seq);
  }

  /** A campaign's newest routing model (serialized), if one was trained. */
  latestModel(campaignId: string) {
    return this.q.get(latestModel, campaignId);
  }

  /** Records (or replaces) the classifier's proposal for a submission, for reviewers. */
  recordProposal(p: Rows['routingProposals']) {
    return this.q.run(upsertProposal, p);
  }
}
