/**
 * A benchmark's database on either engine: where it lives (`BenchTarget`), the server's services
 * over it without an HTTP server (`openServices`: migrations applied, campaign files synced), and
 * a bulk writer for large data sets written straight into the real schema (`openBulkWriter`).
 *
 * The bulk writer is for the set-up of a benchmark only, while no server runs on the database:
 * SQLite through better-sqlite3 in transactions of 50,000 rows; PostgreSQL with multi-row
 * `insert … select * from unnest($1::text[], $2::int8[], …)` of 10,000 rows a statement, the
 * secondary indexes of the tables it writes dropped first and built again at the end, then
 * `vacuum analyze` so the planner knows the data as it would after autovacuum.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testConfig } from '../../server/config.ts';
import type { Services } from '../../server/services.ts';
import { prepareApp } from '../../server/start.ts';
import {
  benchPostgres,
  createBenchDatabase,
  postmasterPid,
  type Engine,
} from './postgres-cluster.ts';
import { repoRoot, type ServerOptions } from './server-process.ts';

/** Where a benchmark's data lives. */
export type BenchTarget =
  { engine: 'sqlite'; dbFile: string } | { engine: 'postgres'; url: string };

export type FreshTarget = BenchTarget & {
  /** PostgreSQL's postmaster when it runs here (its CPU is reported apart), else null. */
  databasePid: number | null;
  /** Where it is, for log lines. */
  label: string;
  /** Removes it (the temp folder, or `drop database`). */
  drop(): Promise<void>;
};

/**
 * A fresh, empty database for one benchmark run on `engine`: a SQLite file in a temp folder, or
 * a new database on the benchmarks' PostgreSQL (postgres-cluster.ts). The server or
 * `openServices` migrates it.
 */
export async function freshTarget(
  engine: Engine,
  log: (message: string) => void,
  name = 'bench',
): Promise<FreshTarget> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `huiyin-${name}-`));
    const dbFile = join(dir, 'bench.db');
    return {
      engine,
      dbFile,
      databasePid: null,
      label: dbFile,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = await benchPostgres(log);
  const db = await createBenchDatabase(adminUrl, `huiyin_${name.replace(/\W/g, '_')}`);
  return {
    engine,
    url: db.url,
    databasePid: await postmasterPid(adminUrl),
    label: `PostgreSQL database ${db.name}`,
    drop: db.drop,
  };
}

/** `startServer` options that run the server on the target. */
export function serverOn(target: BenchTarget): Pick<ServerOptions, 'dbFile' | 'databaseUrl'> {
  return target.engine === 'sqlite' ? { dbFile: target.dbFile } : { databaseUrl: target.url };
}

/** Config entries that point the server's code at the target. */
export function configFor(target: BenchTarget): { HUIYIN_DB: string; HUIYIN_DATABASE_URL: string } {
  return target.engine === 'sqlite'
    ? { HUIYIN_DB: target.dbFile, HUIYIN_DATABASE_URL: '' }
    : { HUIYIN_DB: join(repoRoot, 'bench-results', 'unused.db'), HUIYIN_DATABASE_URL: target.url };
}

/**
 * The services over a database (a SQLite file name, or any target), as the server's start-up
 * leaves them (`prepareApp`: migrations, campaign files synced, stored public text brought up to
 * the current masking pass and its version recorded), without listening and without demo data.
 */
export async function openServices(
  target: string | BenchTarget,
  overrides: Parameters<typeof testConfig>[0] = {},
): Promise<{
  services: Services;
  app: Awaited<ReturnType<typeof prepareApp>>['app'];
  close(): Promise<void>;
}> {
  const where: BenchTarget =
    typeof target === 'string' ? { engine: 'sqlite', dbFile: target } : target;
  const config = testConfig({
    ...configFor(where),
    HUIYIN_CAMPAIGNS_DIR: join(repoRoot, 'campaigns'),
    HUIYIN_DEMO: '0',
    HUIYIN_REQUEST_LOG: '0',
    ...overrides,
  });
  const { services, app } = await prepareApp(config, { now: () => Date.now() });
  return {
    services,
    app,
    close: async () => {
      await services.sensemaking.stop();
      await services.store.close();
    },
  };
}

/**
 * What the server's first start does to an empty database (see `openServices`), before a
 * generator writes rows into it: the rows then need no work at the next start.
 */
export async function prepareSchema(target: BenchTarget): Promise<void> {
  const { close } = await openServices(target);
  await close();
}

type Value = string | number | null;

/** Rows written straight into the schema, for a benchmark's set-up. */
export interface BulkWriter {
  readonly engine: Engine;
  /** A read (`?` placeholders on both engines). */
  rows<T>(text: string, ...params: Value[]): Promise<T[]>;
  /** One row; written in batches, in the order the rows were given within each table. */
  insert(table: string, columns: readonly string[], values: readonly Value[]): Promise<void>;
  /**
   * Writes what is buffered, commits, rebuilds dropped indexes, updates planner statistics: the
   * rows are then there for the services and the server. More rows may follow (a new batch).
   */
  finish(): Promise<void>;
  /** Closes the connection (after `finish`, or to give up). */
  close(): Promise<void>;
}

export async function openBulkWriter(target: BenchTarget): Promise<BulkWriter> {
  return target.engine === 'sqlite'
    ? new SqliteBulkWriter(target.dbFile)
    : PostgresBulkWriter.open(target.url);
}

class SqliteBulkWriter implements BulkWriter {
  readonly engine = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private pending = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // Set-up data: a crash means generating again, so no fsync per commit.
    this.db.pragma('synchronous = OFF');
    this.db.pragma('busy_timeout = 10000');
  }

  async rows<T>(text: string, ...params: Value[]): Promise<T[]> {
    return this.db.prepare(text).all(...params) as T[];
  }

  async insert(table: string, columns: readonly string[], values: readonly Value[]) {
    const key = `${table}(${columns.join(',')})`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      this.statements.set(key, statement);
    }
    if (!this.db.inTransaction) this.db.exec('begin immediate');
    statement.run(...values);
    if (++this.pending >= 50_000) {
      this.db.exec('commit');
      this.pending = 0;
    }
  }

  async finish() {
    if (this.db.inTransaction) this.db.exec('commit');
    this.pending = 0;
    this.db.pragma('optimize');
  }

  async close() {
    if (this.db.inTransaction) this.db.exec('rollback');
    this.db.close();
  }
}

type Buffered = {
  table: string;
  columns: readonly string[];
  /** `int8[]`, `text[]` …: the array type each column is sent as. */
  types: string[];
  values: Value[][];
  count: number;
};

class PostgresBulkWriter implements BulkWriter {
  readonly engine = 'postgres' as const;
  private readonly buffers = new Map<string, Buffered>();
  /** Indexes dropped for the load, rebuilt by `finish` (their `create index` statements). */
  private readonly dropped: string[] = [];
  private readonly tables = new Set<string>();
  private keepIndexes = false;
  /** Rows per table since the last `finish`. */
  private readonly written = new Map<string, number>();
  private static readonly batch = 10_000;

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresBulkWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Set-up data: a crash means generating again, so commits need not wait for the WAL flush.
    await client.query('set synchronous_commit = off');
    await client.query("set maintenance_work_mem = '512MB'");
    return new PostgresBulkWriter(client);
  }

  async rows<T>(text: string, ...params: Value[]): Promise<T[]> {
    let n = 0;
    const numbered = text.replace(/\?/g, () => `$${++n}`);
    return (await this.client.query(numbered, params)).rows as T[];
  }

  private async buffer(table: string, columns: readonly string[]): Promise<Buffered> {
    const key = `${table}(${columns.join(',')})`;
    let b = this.buffers.get(key);
    if (b) return b;
    if (!this.tables.has(table)) {
      this.tables.add(table);
      if (!this.keepIndexes) await this.dropIndexes(table);
    }
    const { rows } = await this.client.query<{ name: string; udt: string }>(
      `select column_name as name, udt_name as udt from information_schema.columns
       where table_schema = current_schema() and table_name = $1`,
      [table],
    );
    const udt = new Map(rows.map((r) => [r.name, r.udt]));
    const types = columns.map((c) => {
      const t = udt.get(c);
      if (!t) throw new Error(`${table} has no column ${c}`);
      return `${t}[]`;
    });
    b = { table, columns, types, values: columns.map(() => []), count: 0 };
    this.buffers.set(key, b);
    return b;
  }

  /** Secondary indexes (not those behind a primary key or unique constraint) go during the load. */
  private async dropIndexes(table: string) {
    const { rows } = await this.client.query<{ name: string; definition: string }>(
      `select i.indexname as name, i.indexdef as definition from pg_indexes i
       where i.schemaname = current_schema() and i.tablename = $1
         and not exists (select 1 from pg_constraint c
                         where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
      [table],
    );
    for (const r of rows) {
      await this.client.query(`drop index ${pg.escapeIdentifier(r.name)}`);
      this.dropped.push(r.definition);
    }
  }

  async insert(table: string, columns: readonly string[], values: readonly Value[]) {
    const b = await this.buffer(table, columns);
    for (let i = 0; i < values.length; i++) b.values[i]!.push(values[i]!);
    this.written.set(table, (this.written.get(table) ?? 0) + 1);
    if (++b.count >= PostgresBulkWriter.batch) await this.flush(b);
  }

  private async flush(b: Buffered) {
    if (b.count === 0) return;
    await this.client.query(
      `insert into ${b.table} (${b.columns.join(', ')})
       select * from unnest(${b.types.map((t, i) => `$${i + 1}::${t}`).join(', ')})`,
      b.values,
    );
    b.values = b.columns.map(() => []);
    b.count = 0;
  }

  async finish() {
    for (const b of this.buffers.values()) await this.flush(b);
    for (const definition of this.dropped.splice(0)) await this.client.query(definition);
    // Planner statistics for tables that took many rows (as autovacuum would gather them).
    for (const [table, rows] of this.written)
      if (rows >= 1000) await this.client.query(`vacuum analyze ${table}`);
    this.written.clear();
    // Tables written from now on keep their indexes: the services may be using them.
    this.keepIndexes = true;
  }

  async close() {
    await this.client.end();
  }
}
