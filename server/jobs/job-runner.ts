import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
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

/**
 * Records a job as queued, inside the caller's write; once that write has resolved, `kickJobs(s)`
 * has the runner pick it up at once (else it does within `pollMs`).
 */
export async function enqueueJob(
  tx: Tx,
  now: number,
  kind: JobKind,
  campaignId: string | null,
  requestedBy: string | null,
  subjectId: string | null = null,
): Promise<string> {
  const id = newId('job', now);
  await tx.jobs.insert({ id, kind, campaignId, subjectId, requestedBy, createdAt: now });
  return id;
}

/** A job queued in its own write, then handed to the runner. */
export async function queueJob(
  s: Services,
  kind: JobKind,
  campaignId: string | null,
  requestedBy: string | null,
  subjectId: string | null = null,
): Promise<string> {
  const now = s.clock.now();
  const id = await s.store.write((tx) =>
    enqueueJob(tx, now, kind, campaignId, requestedBy, subjectId),
  );
  kickJobs(s);
  return id;
}

const scheduled = new WeakMap<Services, () => void>();

/** Has the runner look for queued jobs now (call after the write that queued one resolved). */
export function kickJobs(s: Services): void {
  scheduled.get(s)?.();
}

/** How often the runner looks for jobs nobody told it about (another process queued them). */
const pollMs = 5_000;

/**
 * Runs queued jobs one at a time, oldest first. A job that was running when the process died is
 * queued again at start-up: jobs are written to be safe to re-run. Each job is claimed in one
 * atomic statement, so two runners (two processes on one PostgreSQL) never run the same job.
 */
export function startJobRunner(s: Services): { drain(): Promise<void>; stop(): void } {
  let running: Promise<void> | null = null;
  // Kicked while running: look again once this round ends (the job may have come just after its
  // last look).
  let again = false;
  let stopped = false;
  const log = (msg: Record<string, unknown>) =>
    console.error(JSON.stringify({ time: new Date().toISOString(), ...msg }));

  const claim = () =>
    s.store.write((tx) => tx.jobs.claimNext(s.clock.now()), { readCommitted: true });

  async function loop(): Promise<void> {
    for (;;) {
      if (stopped) return;
      const job = await claim();
      if (!job) return;
      let outcome: { ok: true; result: string } | { ok: false; error: string };
      try {
        const handler = handlers.get(job.kind);
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        const result = await handler(s, job);
        outcome = { ok: true, result: JSON.stringify(result ?? null) };
      } catch (error) {
        outcome = { ok: false, error: String((error as Error).stack ?? error).slice(0, 2000) };
      }
      const now = s.clock.now();
      await s.store.write((tx) =>
        outcome.ok
          ? tx.jobs.finish(job.id, now, outcome.result)
          : tx.jobs.fail(job.id, now, outcome.error),
      );
      // Let requests in between jobs.
      await new Promise((r) => setImmediate(r));
    }
  }

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = loop()
      .catch((error: unknown) => log({ level: 'error', msg: 'job runner', error: String(error) }))
      .finally(() => {
        running = null;
        if (again) kick();
      });
  };
  // Jobs left running by a process that stopped are queued again first.
  running = s.store
    .write((tx) => tx.jobs.requeueRunning())
    .then(() => undefined)
    .catch((error: unknown) => log({ level: 'error', msg: 'job runner', error: String(error) }))
    .finally(() => {
      running = null;
      again = false;
      kick();
    });
  scheduled.set(s, kick);
  const poll = setInterval(kick, pollMs);
  poll.unref();
  return {
    async drain() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      clearInterval(poll);
    },
  };
}
