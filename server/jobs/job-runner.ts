import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import type { jobKinds } from '../../schema/sensemaking.ts';

export type JobKind = (typeof jobKinds)[number];
export type JobHandler = (
  s: Services,
  job: { id: string; campaignId: string | null; subjectId: string | null },
) => Promise<unknown> | unknown;

const handlers = new Map<JobKind, JobHandler>();

/** Each kind of background work registers how it runs; the runner records every run. */
export function registerJob(kind: JobKind, handler: JobHandler): void {
  handlers.set(kind, handler);
}

/** Records a job as queued (in the caller's transaction if any); the runner picks it up. */
export function enqueueJob(
  s: Services,
  kind: JobKind,
  campaignId: string | null,
  requestedBy: string | null,
  subjectId: string | null = null,
): string {
  const id = newId('job', s.clock.now());
  s.sqlite
    .prepare(
      "insert into jobs (id, kind, campaign_id, subject_id, status, requested_by, created_at) values (?, ?, ?, ?, 'queued', ?, ?)",
    )
    .run(id, kind, campaignId, subjectId, requestedBy, s.clock.now());
  scheduled.get(s)?.();
  return id;
}

const scheduled = new WeakMap<Services, () => void>();

/**
 * Runs queued jobs one at a time, oldest first. A job that was running when the process died is
 * queued again at start-up: jobs are written to be safe to re-run.
 */
export function startJobRunner(s: Services): { drain(): Promise<void>; stop(): void } {
  s.sqlite
    .prepare("update jobs set status = 'queued', started_at = null where status = 'running'")
    .run();
  let running: Promise<void> | null = null;
  let stopped = false;
  const next = s.sqlite.prepare(
    "select id, kind, campaign_id as campaignId, subject_id as subjectId from jobs where status = 'queued' order by created_at, id limit 1",
  );

  async function loop(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const job = next.get() as
        | { id: string; kind: JobKind; campaignId: string | null; subjectId: string | null }
        | undefined;
      if (!job) return;
      s.sqlite
        .prepare("update jobs set status = 'running', started_at = ? where id = ?")
        .run(s.clock.now(), job.id);
      try {
        const handler = handlers.get(job.kind);
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        const result = await handler(s, job);
        s.sqlite
          .prepare("update jobs set status = 'done', finished_at = ?, result = ? where id = ?")
          .run(s.clock.now(), JSON.stringify(result ?? null), job.id);
      } catch (error) {
        s.sqlite
          .prepare("update jobs set status = 'failed', finished_at = ?, error = ? where id = ?")
          .run(s.clock.now(), String((error as Error).stack ?? error).slice(0, 2000), job.id);
      }
      // Let requests in between jobs.
      await new Promise((r) => setImmediate(r));
    }
  }

  const kick = () => {
    if (!running) {
      running = loop().finally(() => {
        running = null;
      });
    }
  };
  scheduled.set(s, kick);
  kick();
  return {
    async drain() {
      while (running) await running;
    },
    stop() {
      stopped = true;
    },
  };
}
