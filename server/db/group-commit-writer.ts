import type { Sqlite } from './open-database.ts';
import { walSyncFor, type SyncFile } from './wal-sync.ts';

type Pending = {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type Writer = {
  /**
   * Runs `work` inside a transaction and resolves only after that transaction has committed.
   * `work` must be synchronous (better-sqlite3): never await inside it.
   */
  run<T>(work: () => T): Promise<T>;
  /** Commits whatever is queued now, even while a sync runs (used at shutdown). */
  flush(): void;
};

/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction,
 * so durability costs one sync per batch instead of one per request. Each piece of work runs in
 * its own savepoint, so one failing request rolls back alone and the others still commit. The
 * sync happens off the event loop (wal-sync.ts); a batch's writers are answered after it.
 */
export function createGroupCommitWriter(
  sqlite: Sqlite,
  options: { maxBatch?: number; syncFile?: SyncFile } = {},
): Writer {
  const maxBatch = options.maxBatch ?? 1000;
  const wal = walSyncFor(sqlite, options.syncFile);
  const commit = wal ? wal.withoutSync : (run: () => void) => run();
  let queue: Pending[] = [];
  let scheduled = false;
  // While a batch's sync runs, the next batch waits and grows: one commit per sync, not one per
  // turn of the event loop (each commit rewrites the pages it touched, so fewer is cheaper).
  let syncing = false;
  let flushAfterSync = false;
  // Called inside the outer transaction, better-sqlite3 turns this into a SAVEPOINT.
  const inSavepoint = sqlite.transaction((work: () => unknown) => work());

  function flush(force = false): void {
    scheduled = false;
    if (queue.length === 0) return;
    if (syncing && !force && queue.length < maxBatch) {
      flushAfterSync = true;
      return;
    }
    const batch = queue;
    queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      commit(() =>
        sqlite.transaction(() => {
          for (const item of batch) {
            try {
              outcomes.push({ ok: true, value: inSavepoint(item.work) });
            } catch (error) {
              outcomes.push({ ok: false, value: error });
            }
          }
        })(),
      );
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const answer = () =>
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.value);
      });
    if (!wal) return answer();
    syncing = true;
    void wal
      .afterCommit()
      .then(answer, (error: unknown) => {
        // Committed but maybe not on disk: nobody is told it was stored.
        for (const item of batch) item.reject(error);
      })
      .finally(() => {
        syncing = false;
        if (flushAfterSync) {
          flushAfterSync = false;
          flush();
        }
      });
  }

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (queue.length >= maxBatch) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush: () => flush(true),
  };
}
