// Statements a test runs itself, to arrange a state or check one the API does not show, on
// whichever engine the run uses. Write them in the store's portable SQL (server/store/README.md).
import { sql } from '../../server/store/engine/sql.ts';
import type { Param } from '../../server/store/engine/sql.ts';
import type { Store } from '../../server/store/store.ts';

type HasStore = ({ store: Store } | { services: { store: Store } }) & {
  settle?: () => Promise<void>;
};
const dbOf = (t: HasStore) => ('store' in t ? t.store : t.services.store).db;

/** Runs a test's own statements, after the writes a factory left pending (test-app.ts). */
export function query(t: HasStore) {
  const db = dbOf(t);
  const ready = () => t.settle?.() ?? Promise.resolve();
  return {
    all: async <R = Record<string, unknown>>(text: string, ...params: Param[]) => {
      await ready();
      return db.all(sql<R>(text), ...params);
    },
    get: async <R = Record<string, unknown>>(text: string, ...params: Param[]) => {
      await ready();
      return db.get(sql<R>(text), ...params);
    },
    /** The first column of the first row. */
    value: async <V = unknown>(text: string, ...params: Param[]) => {
      await ready();
      return (await db.value(sql<Record<string, V>>(text), ...params)) as V;
    },
    column: async <V = unknown>(text: string, ...params: Param[]) => {
      await ready();
      return (await db.column(sql<Record<string, V>>(text), ...params)) as V[];
    },
    /** A statement that writes, committed on its own. */
    run: async (text: string, ...params: Param[]) => {
      await ready();
      return db.write((tx) => tx.run(sql(text), ...params));
    },
  };
}

/**
 * How many statements a read costs on the app's database (batch-shaped pages cost a fixed few).
 * The counter sees every statement on the database, and the node's background work (the
 * sensemaking queue polls PostgreSQL every 250 ms, the leader's timers) can land one inside the
 * window; so `work` runs three times and the fewest counts. `work` must therefore be a read.
 */
export async function statementsOf(t: HasStore, work: () => Promise<unknown>): Promise<number> {
  const counter = dbOf(t).counter;
  let fewest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    await t.settle?.();
    const before = counter.statements;
    await work();
    fewest = Math.min(fewest, counter.statements - before);
  }
  return fewest;
}
