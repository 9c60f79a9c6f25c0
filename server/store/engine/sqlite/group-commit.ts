// Group commit: writes that arrive in the same turn of the event loop share one transaction, so
// durability costs one sync per batch instead of one per request. Each piece of work runs in its
// own savepoint, so one failing request rolls back alone and the others still commit. The sync
// happens off the event loop (wal-sync.ts); a batch's writers are answered after it.
//
// Work is async (the store's port), but on this engine every statement completes synchronously,
// so a piece of work that only awaits its transaction finishes within one turn of microtasks.
// Batches never overlap: one transaction is open at a time, and work queued meanwhile waits for
// the next batch.
import type Database from 'better-sqlite3';
import type { Queryable } from '../db.ts';
import { sql } from '../sql.ts';
import type { SqliteStatements } from './statements.ts';
import { walSyncFor, type SyncFile } from './wal-sync.ts';

type Work = (tx: Queryable) => unknown;

type Pending = {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type GroupCommit = {
  /** Runs `work` inside a transaction and resolves only after that transaction is durable. */
  run<T>(work: (tx: Queryable) => Promise<T> | T): Promise<T>;
  /** Commits whatever is queued now, even while a sync runs (shutdown); resolves when durable. */
  flush(): Promise<void>;
};

const begin = sql('begin immediate');
const commit = sql('commit');
const rollback = sql('rollback');
const savepoint = sql('savepoint work');
const release = sql('release work');
const rollbackTo = sql('rollback to work');

export function createGroupCommit(
  tx: SqliteStatements,
  options: { maxBatch?: number; syncFile?: SyncFile } = {},
): GroupCommit {
  const sqlite: Database.Database = tx.connection;
  const maxBatch = options.maxBatch ?? 1000;
  const wal = walSyncFor(sqlite, options.syncFile);
  let queue: Pending[] = [];
  let scheduled = false;
  // A batch's work is still running: the next batch waits for its commit.
  let working: Promise<void> | null = null;
  // While a batch's sync runs, the next batch waits and grows: one commit per sync, not one per
  // turn of the event loop (each commit rewrites the pages it touched, so fewer is cheaper).
  let syncing: Promise<void> | null = null;
  let flushAfter = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush(false));
  }

  async function flush(force: boolean): Promise<void> {
    scheduled = false;
    if (queue.length === 0) return;
    if (working || (syncing && !force && queue.length < maxBatch)) {
      flushAfter = true;
      return;
    }
    const batch = queue;
    queue = [];
    let done!: () => void;
    working = new Promise<void>((resolve) => (done = resolve));
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let committed = false;
    try {
      // synchronous=NORMAL for this commit: the sync is wal.afterCommit()'s, off the loop.
      if (wal) sqlite.pragma('synchronous = NORMAL');
      tx.runSync(begin, []);
      try {
        for (const item of batch) {
          tx.runSync(savepoint, []);
          try {
            outcomes.push({ ok: true, value: await item.work(tx) });
            tx.runSync(release, []);
          } catch (error) {
            tx.runSync(rollbackTo, []);
            tx.runSync(release, []);
            outcomes.push({ ok: false, value: error });
          }
        }
        tx.runSync(commit, []);
        committed = true;
      } finally {
        if (!committed && sqlite.inTransaction) tx.runSync(rollback, []);
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    } finally {
      if (wal) sqlite.pragma('synchronous = FULL');
      working = null;
      done();
      if (!committed) afterBatch();
    }
    const answer = () =>
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.value);
      });
    if (!wal) {
      answer();
      afterBatch();
      return;
    }
    syncing = wal
      .afterCommit()
      .then(answer, (error: unknown) => {
        // Committed but maybe not on disk: nobody is told it was stored.
        for (const item of batch) item.reject(error);
      })
      .finally(() => {
        syncing = null;
        afterBatch();
      });
    await syncing;
  }

  function afterBatch(): void {
    if (flushAfter || queue.length > 0) {
      flushAfter = false;
      if (queue.length >= maxBatch) void flush(false);
      else schedule();
    }
  }

  return {
    run<T>(work: (tx: Queryable) => Promise<T> | T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (queue.length >= maxBatch && !working) void flush(false);
        else schedule();
      });
    },
    async flush(): Promise<void> {
      while (working) await working;
      await flush(true);
      while (syncing) await syncing;
    },
  };
}
