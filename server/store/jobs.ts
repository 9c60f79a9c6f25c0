// Recorded background jobs (clustering runs, classifier training, adoption matching): queued in
// the transaction that asks for them, claimed by one runner at a time, their outcome kept.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type Job = Rows['jobs'];
export type ClaimedJob = Pick<Job, 'id' | 'kind' | 'campaignId' | 'subjectId'>;
export type JobRecord = Pick<
  Job,
  'id' | 'kind' | 'status' | 'createdAt' | 'startedAt' | 'finishedAt' | 'result' | 'error'
>;

const insert = sql(
  `insert into jobs (id, kind, campaign_id, subject_id, status, requested_by, created_at)
   values (@id, @kind, @campaignId, @subjectId, 'queued', @requestedBy, @createdAt)`,
);
const requeueRunning = sql(
  "update jobs set status = 'queued', started_at = null where status = 'running'",
);
// The oldest queued job, taken in the same statement that marks it running. PostgreSQL: another
// runner's claim in flight is skipped, not waited for (run at READ COMMITTED). SQLite: the one
// writer runs claims one after another, so two runners never take the same job.
const claimNext = sql<ClaimedJob>(
  (d) => `update jobs set status = 'running', started_at = ?
   where id = (select id from jobs where status = 'queued' order by created_at, id limit 1
     ${d.engine === 'postgres' ? 'for update skip locked' : ''})
     and status = 'queued'
   returning id, kind, campaign_id as "campaignId", subject_id as "subjectId"`,
);
const finish = sql(
  "update jobs set status = 'done', finished_at = ?, result = ? where id = ? and status = 'running'",
);
const fail = sql(
  "update jobs set status = 'failed', finished_at = ?, error = ? where id = ? and status = 'running'",
);
const byId = sql<JobRecord>(
  `select id, kind, status, created_at as "createdAt", started_at as "startedAt",
     finished_at as "finishedAt", result, error
   from jobs where id = ?`,
);
const queuedFor = sql<Pick<Job, 'id'>>(
  `select id from jobs where kind = ? and status = 'queued' and campaign_id = ?
     and (subject_id is null or subject_id is not distinct from ?)
   order by created_at, id limit 1`,
);

export class JobsStore {
  constructor(private readonly q: Queryable) {}

  /** Records a job as queued; call inside the write that asks for it. */
  insert(job: Pick<Job, 'id' | 'kind' | 'campaignId' | 'subjectId' | 'requestedBy' | 'createdAt'>) {
    return this.q.run(insert, job);
  }

  /** At start-up: jobs that were running when the process stopped are queued again. */
  requeueRunning() {
    return this.q.run(requeueRunning);
  }

  /**
   * Takes the oldest queued job and marks it running, atomically (run it in a write of its own,
   * at READ COMMITTED on PostgreSQL); undefined when none is queued.
   */
  claimNext(now: number) {
    return this.q.get(claimNext, now);
  }

  /** Records a running job's result (JSON). */
  finish(id: string, now: number, result: string) {
    return this.q.run(finish, now, result, id);
  }

  /** Records why a running job failed. */
  fail(id: string, now: number, error: string) {
    return this.q.run(fail, now, error, id);
  }

  find(id: string) {
    return this.q.get(byId, id);
  }

  /**
   * A job of this kind already waiting for the campaign that would do the same work: one about
   * the whole campaign, or about the same subject (null: about the whole campaign).
   */
  queuedFor(kind: Job['kind'], campaignId: string, subjectId: string | null) {
    return this.q.value(queuedFor, kind, campaignId, subjectId);
  }
}
