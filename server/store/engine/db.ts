// The port every store module talks to, implemented once for SQLite (sqlite/) and once for
// PostgreSQL (postgres/). Everything is a Promise so the same store code serves both engines;
// on SQLite the work itself is synchronous and the promises are already settled.
import type { Engine, Params, Sql } from './sql.ts';

export type RunResult = { changes: number };

/** Statements on a connection or inside a transaction. */
export interface Queryable {
  readonly engine: Engine;
  all<R>(q: Sql<R>, ...params: Params): Promise<R[]>;
  get<R>(q: Sql<R>, ...params: Params): Promise<R | undefined>;
  /** The first column of the first row (a count, an id), or undefined when there is no row. */
  value<R>(q: Sql<R>, ...params: Params): Promise<R[keyof R] | undefined>;
  /** The first column of every row. */
  column<R>(q: Sql<R>, ...params: Params): Promise<R[keyof R][]>;
  run(q: Sql<unknown>, ...params: Params): Promise<RunResult>;
}

export type WriteOptions = {
  /**
   * PostgreSQL only: run at READ COMMITTED instead of SERIALIZABLE. For a statement that is
   * atomic on its own and would otherwise fail under contention on one hot row (a counter), not
   * for read-check-write logic.
   */
  readCommitted?: boolean;
};

/** Statements run since start, for tests that hold a page to a fixed number of them. */
export type StatementCounter = { statements: number };

export interface Db extends Queryable {
  readonly counter: StatementCounter;
  /**
   * Runs `work` in one write transaction and resolves after it has committed durably. Serializable
   * on both engines: SQLite has one writer (group commit: concurrent writes share a transaction,
   * each in its own savepoint, so one failing piece of work rolls back alone); PostgreSQL runs
   * SERIALIZABLE and re-runs `work` on a serialization failure or deadlock. So `work` must only
   * await `tx` (never other I/O, never another `write`) and must not change anything outside the
   * database that a re-run would change twice.
   */
  write<T>(work: (tx: Queryable) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Several reads that see one consistent state of the database. */
  snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The rows of a large read in batches, with flat memory (exports, figure counts): a cursor on a
   * connection of its own, in one consistent snapshot. Stop early with `break`.
   */
  stream<R>(q: Sql<R>, params: Params, batchSize?: number): AsyncIterable<R[]>;
  /**
   * Starts the engine's own upkeep for a long-running server (SQLite: WAL checkpoints in a worker
   * thread; PostgreSQL does its own). `stop()` ends it.
   */
  maintain(log: (msg: Record<string, unknown>) => void): { stop(): Promise<void> };
  /**
   * Sends `message` to the other app nodes on this database (PostgreSQL: NOTIFY on one channel).
   * Nothing on SQLite: its one server process is the only node.
   */
  broadcast(message: string): Promise<void>;
  /**
   * Hears the other nodes' broadcasts on a connection of its own. `resync` is called when
   * messages may have been missed (the connection was lost and is back). `ready` resolves once
   * it hears.
   */
  listen(
    hear: (message: string) => void,
    resync: () => void,
  ): { ready: Promise<void>; stop(): Promise<void> };
  /**
   * Competes to lead the work that must run on one node only; `changed(true)` when this node
   * takes the lead, `changed(false)` when it loses it. `ready` resolves after the first try.
   * SQLite: the one process always leads. PostgreSQL: a session advisory lock on a connection of
   * its own, released by PostgreSQL when the leader dies.
   */
  lead(changed: (leading: boolean) => void): { ready: Promise<void>; stop(): Promise<void> };
  /** Commits whatever group commit holds now (shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
  /** Where the data lives, for a worker thread to open a reader of its own (no password logged). */
  readonly address: StoreAddress;
}

/** How a worker thread finds the same database. */
export type StoreAddress = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };
