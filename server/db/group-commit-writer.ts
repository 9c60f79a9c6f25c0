import type { Sqlite } from './open-database.ts';

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
  /** Commits whatever is queued now (used at shutdown). */
  flush(): void;
};

/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction,
 * so synchronous=FULL costs one fsync per batch instead of one per request. Each piece of work
 * runs in its own savepoint, so one failing request rolls back alone and the others still commit.
 */
export function createGroupCommitWriter(
  sqlite: Sqlite,
  options: { maxBatch?: number } = {},
): Writer {
  const maxBatch = options.maxBatch ?? 1000;
  let queue: Pending[] = [];
  let scheduled = false;
  // Called inside the outer transaction, better-sqlite3 turns this into a SAVEPOINT.
  const inSavepoint = sqlite.transaction((work: () => unknown) => work());

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      sqlite.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: inSavepoint(item.work) });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
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
    flush,
  };
}
