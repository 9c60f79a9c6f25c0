// The embedded engine: one SQLite file in WAL mode. Two connections: the writer, used only by
// group commit, and a read connection for everything outside a write, which in WAL mode sees
// only committed data (never the half of a batch whose work is still running). Large reads
// (exports, counting) stream on a connection of their own, so a long cursor never holds either.
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable, StoreAddress } from '../db.ts';
import { applyMigrations, readMigrations, type MigrationTarget } from '../migrations.ts';
import { sql, type Params, type Sql } from '../sql.ts';
import { createGroupCommit, type GroupCommit } from './group-commit.ts';
import { bindable, SqliteStatements } from './statements.ts';
import { startWalCheckpoints } from './wal-checkpoints.ts';
import type { SyncFile } from './wal-sync.ts';

export const sqliteMigrations = fileURLToPath(
  new URL('../../../../schema/migrations', import.meta.url),
);

export type SqliteOptions = {
  /** Test seam: how the WAL is synced after a group commit. */
  syncFile?: SyncFile;
  maxBatch?: number;
};

function configure(connection: Database.Database): void {
  connection.pragma('busy_timeout = 5000');
  connection.pragma('cache_size = -65536');
}

export function sqliteMigrationTarget(connection: Database.Database): MigrationTarget {
  const table = '"__drizzle_migrations"';
  return {
    table,
    exec: async (statement) => void connection.exec(statement),
    applied: async () => {
      connection.exec(
        `create table if not exists ${table} (id integer primary key, hash text not null, created_at numeric)`,
      );
      return connection.prepare(`select hash, created_at as createdAt from ${table}`).all() as {
        hash: string;
        createdAt: number;
      }[];
    },
    record: async (m) =>
      void connection
        .prepare(`insert into ${table} (hash, created_at) values (?, ?)`)
        .run(m.hash, m.createdAt),
  };
}

/**
 * Opens (creating if needed) the file and brings its schema up to date. WAL + synchronous=FULL:
 * a commit is on disk before it is acknowledged, so an acknowledged submission survives kill -9
 * and power loss; group commit keeps that fast.
 */
export async function openSqliteWriter(
  file: string,
  migrate: 'auto' | 'off' = 'auto',
): Promise<Database.Database> {
  const connection = new Database(file);
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    configure(connection);
    await applyMigrations(sqliteMigrationTarget(connection), readMigrations(sqliteMigrations), {
      apply: migrate === 'auto',
    });
  } catch (error) {
    connection.close();
    throw error;
  }
  return connection;
}

/** A read-only connection to an existing file (workers, streams). */
export function openSqliteReader(file: string): Database.Database {
  const connection = new Database(file, { readonly: true, fileMustExist: true });
  configure(connection);
  return connection;
}

const beginRead = sql('begin');
const endRead = sql('commit');

export class SqliteDb implements Db {
  readonly engine = 'sqlite' as const;
  readonly address: StoreAddress;
  readonly writer: SqliteStatements;
  readonly counter = { statements: 0 };
  private readonly reader: SqliteStatements;
  private readonly groupCommit: GroupCommit;
  private snapshotLock: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    writer: Database.Database,
    options: SqliteOptions,
  ) {
    this.address = { engine: 'sqlite', file };
    this.writer = new SqliteStatements(writer, this.counter);
    // An in-memory database exists only on its one connection.
    this.reader =
      file === ':memory:'
        ? this.writer
        : new SqliteStatements(openSqliteReader(file), this.counter);
    this.groupCommit = createGroupCommit(this.writer, options);
  }

  /** Opens the file, migrating it first. */
  static async open(
    file: string,
    options: SqliteOptions & { migrate?: 'auto' | 'off' } = {},
  ): Promise<SqliteDb> {
    return new SqliteDb(file, await openSqliteWriter(file, options.migrate), options);
  }

  /** The writer connection, for the engine's own maintenance (checkpoints, backup). */
  get connection(): Database.Database {
    return this.writer.connection;
  }

  all<R>(q: Sql<R>, ...params: Params) {
    return this.reader.all(q, ...params);
  }
  get<R>(q: Sql<R>, ...params: Params) {
    return this.reader.get(q, ...params);
  }
  value<R>(q: Sql<R>, ...params: Params) {
    return this.reader.value(q, ...params);
  }
  column<R>(q: Sql<R>, ...params: Params) {
    return this.reader.column(q, ...params);
  }
  run(q: Sql<unknown>, ...params: Params) {
    // A lone statement that writes is a write like any other: it goes through group commit.
    return this.groupCommit.run((tx) => tx.run(q, ...params));
  }

  write<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.groupCommit.run(work);
  }

  async snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    // One read transaction at a time on the read connection; others' plain reads may run inside
    // it meanwhile, which only shows them the same committed state.
    const previous = this.snapshotLock;
    let unlock!: () => void;
    this.snapshotLock = new Promise((resolve) => (unlock = resolve));
    await previous;
    const reader = this.reader;
    const own = reader !== this.writer;
    try {
      if (own) reader.runSync(beginRead, []);
      try {
        return await work(reader);
      } finally {
        if (own) reader.runSync(endRead, []);
      }
    } finally {
      unlock();
    }
  }

  async *stream<R>(q: Sql<R>, params: Params, batchSize = 1000): AsyncIterable<R[]> {
    const own = this.file !== ':memory:';
    const connection = own ? openSqliteReader(this.file) : this.writer.connection;
    // A stream reads each page once: a small page cache keeps its memory flat (the reader's
    // 64 MB cache would grow with a large export and buy nothing).
    if (own) connection.pragma('cache_size = -2000');
    const statements = own ? new SqliteStatements(connection, this.counter) : this.writer;
    try {
      // An open iterator holds one read transaction: the whole stream sees one state.
      const rows = statements.statement(q).iterate(...bindable(params)) as IterableIterator<R>;
      let batch: R[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      if (own) connection.close();
    }
  }

  maintain(log: (msg: Record<string, unknown>) => void) {
    return startWalCheckpoints(this.writer.connection, { log });
  }

  // One process is the only node: nothing to tell, nothing to hear.
  async broadcast(): Promise<void> {}
  listen() {
    return { ready: Promise.resolve(), stop: async () => {} };
  }

  lead(changed: (leading: boolean) => void) {
    changed(true);
    return { ready: Promise.resolve(), stop: async () => {} };
  }

  flush(): Promise<void> {
    return this.groupCommit.flush();
  }

  async close(): Promise<void> {
    await this.groupCommit.flush();
    if (this.reader !== this.writer) this.reader.connection.close();
    this.writer.connection.close();
  }
}
