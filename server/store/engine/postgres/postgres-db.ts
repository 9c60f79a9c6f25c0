// PostgreSQL behind the same port as SQLite: a pool of connections, named (server-side prepared)
// statements, SERIALIZABLE write transactions re-run on serialization failures and deadlocks, and
// cursors for large reads. Durability is PostgreSQL's own: COMMIT returns after the WAL flush
// (synchronous_commit=on), and PostgreSQL groups concurrent commits itself.
import { createHash } from 'node:crypto';
import pg from 'pg';
import Cursor from 'pg-cursor';
import type {
  Db,
  Queryable,
  RunResult,
  StatementCounter,
  StoreAddress,
  WriteOptions,
} from '../db.ts';
import { StoreUnavailable } from '../errors.ts';
import type { Param, Params, Sql } from '../sql.ts';
import { HostSelector, parseHosts } from './hosts.ts';
import { leaderLockOn } from './leader-lock.ts';
import { changesChannel, listen } from './listener.ts';
import { numberPlaceholders, type Numbered } from './placeholders.ts';

// int8 (counts, epoch milliseconds) and numeric (sums, averages) arrive as strings by default;
// every such value here is well inside a double's exact range.
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

type Prepared = Numbered & { name: string };

const retryable = new Set(['40001', '40P01']);
// Connection-level failures: the server is down, restarting or unreachable.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  // A write reached a database that only reads: a standby, or a primary being demoted while a
  // failover moves the writes elsewhere. Unavailable until a primary is back, not a bug.
  '25006',
]);

/** Turns a lost or refused connection into StoreUnavailable; other errors pass as they are. */
export function storeError(error: unknown): unknown {
  if (error instanceof StoreUnavailable) return error;
  const code = (error as { code?: string })?.code;
  const message = String((error as Error)?.message ?? error);
  if (
    (code && (unavailableCodes.has(code) || /^(08|57P|53)/.test(code))) ||
    /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(
      message,
    )
  )
    return new StoreUnavailable(`PostgreSQL is unavailable: ${message}`, { cause: error });
  return error;
}

const isNamed = (params: Params) =>
  params.length === 1 &&
  params[0] !== null &&
  typeof params[0] === 'object' &&
  !Array.isArray(params[0]) &&
  !Buffer.isBuffer(params[0]);

function bind(prepared: Prepared, params: Params): unknown[] {
  // Named values for a text without @names (an optional filter left out): nothing to bind.
  if (!prepared.names && isNamed(params)) return [];
  if (prepared.names) {
    const values = (params[0] ?? {}) as Record<string, Param>;
    return prepared.names.map((name) => {
      if (!(name in values)) throw new Error(`Missing value for @${name}`);
      return values[name];
    });
  }
  return params as unknown[];
}

const preparedBySql = new WeakMap<Sql<unknown>, Prepared>();
const preparedByText = new Map<string, Prepared>();

function prepared(q: Sql<unknown>): Prepared {
  let p = preparedBySql.get(q);
  if (p) return p;
  const text = q.text('postgres');
  p = preparedByText.get(text);
  if (!p) {
    const numbered = numberPlaceholders(text);
    // Named, so each connection parses and plans the text once.
    const name = `h${createHash('sha1').update(numbered.text).digest('base64url').slice(0, 16)}`;
    p = { ...numbered, name };
    if (preparedByText.size > 5000) preparedByText.clear();
    preparedByText.set(text, p);
  }
  preparedBySql.set(q, p);
  return p;
}

// A connection that dies while it is checked out between two statements (the primary was lost)
// emits 'error' with nobody listening, which would crash the process; its next statement fails
// anyway ("not queryable": StoreUnavailable), so the event itself is only noted.
const listened = new WeakSet<pg.PoolClient>();

/** Takes a connection from the pool; failing that, the database is unavailable. */
async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    const client = await pool.connect();
    if (!listened.has(client)) {
      client.on('error', () => {});
      listened.add(client);
    }
    return client;
  } catch (error) {
    // No connection to be had (down, refusing, out of slots): nothing was attempted.
    throw new StoreUnavailable(`PostgreSQL is unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

class PgQueryable implements Queryable {
  readonly engine = 'postgres' as const;
  constructor(
    /** A transaction's connection, or the pool (each statement on a connection of its own). */
    private readonly runner: pg.ClientBase | pg.Pool,
    readonly counter: StatementCounter,
  ) {}

  private async exec(q: Sql<unknown>, params: Params, rowMode?: 'array') {
    this.counter.statements++;
    const p = prepared(q);
    const config = {
      name: p.name,
      text: p.text,
      values: bind(p, params),
      types,
      ...(rowMode ? { rowMode } : {}),
    } as pg.QueryConfig;
    if (!(this.runner instanceof pg.Pool)) {
      try {
        return await this.runner.query(config);
      } catch (error) {
        throw storeError(error);
      }
    }
    const client = await connect(this.runner);
    let broken = false;
    try {
      return await client.query(config);
    } catch (error) {
      broken = storeError(error) instanceof StoreUnavailable;
      throw storeError(error);
    } finally {
      client.release(broken);
    }
  }

  async all<R>(q: Sql<R>, ...params: Params): Promise<R[]> {
    return (await this.exec(q, params)).rows as R[];
  }
  async get<R>(q: Sql<R>, ...params: Params): Promise<R | undefined> {
    return (await this.exec(q, params)).rows[0] as R | undefined;
  }
  async value<R>(q: Sql<R>, ...params: Params): Promise<R[keyof R] | undefined> {
    const row = (await this.exec(q, params, 'array')).rows[0] as unknown[] | undefined;
    return row?.[0] as R[keyof R] | undefined;
  }
  async column<R>(q: Sql<R>, ...params: Params): Promise<R[keyof R][]> {
    const rows = (await this.exec(q, params, 'array')).rows as unknown[][];
    return rows.map((r) => r[0] as R[keyof R]);
  }
  async run(q: Sql<unknown>, ...params: Params): Promise<RunResult> {
    return { changes: (await this.exec(q, params)).rowCount ?? 0 };
  }
}

/** `migrate` is read by openPostgres only (HUIYIN_MIGRATE). */
export type PostgresOptions = { maxConnections?: number; migrate?: 'auto' | 'off' };

export class PostgresDb extends PgQueryable implements Db {
  readonly address: StoreAddress;
  /** Serialization failures retried since start (for /api/health and the benchmarks). */
  retries = 0;

  /** The host connections go to now (several hosts: the one that last answered as primary). */
  private readonly url: () => string;

  constructor(
    readonly pool: pg.Pool,
    url: string,
  ) {
    super(pool, { statements: 0 });
    this.address = { engine: 'postgres', url };
    const selector = selectors.get(pool);
    this.url = selector ? () => selector.url : () => url;
  }

  private client(): Promise<pg.PoolClient> {
    return connect(this.pool);
  }

  async write<T>(work: (tx: Queryable) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const begin = options.readCommitted
      ? 'begin isolation level read committed'
      : 'begin isolation level serializable';
    for (let attempt = 1; ; attempt++) {
      const client = await this.client();
      let broken = false;
      try {
        await client.query(begin);
        const result = await work(new PgQueryable(client, this.counter));
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch {
          broken = true; // the connection is gone; the pool must not hand it out again
        }
        const code = (error as { code?: string })?.code;
        if (code && retryable.has(code)) {
          // Contention this heavy is an overload, answered like one (503), never as a 500.
          if (attempt >= 20)
            throw new StoreUnavailable('PostgreSQL is too busy: a write kept conflicting', {
              cause: error,
            });
          this.retries++;
          await new Promise((resolve) =>
            setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)),
          );
          continue;
        }
        throw storeError(error);
      } finally {
        client.release(broken);
      }
    }
  }

  async snapshot<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.client();
    let broken = false;
    try {
      await client.query('begin isolation level repeatable read read only');
      const result = await work(new PgQueryable(client, this.counter));
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch {
        broken = true;
      }
      throw storeError(error);
    } finally {
      client.release(broken);
    }
  }

  async *stream<R>(q: Sql<R>, params: Params, batchSize = 1000): AsyncIterable<R[]> {
    const p = prepared(q);
    const client = await this.client();
    let broken = false;
    let cursor: Cursor<R> | null = null;
    try {
      await client.query('begin isolation level repeatable read read only');
      cursor = client.query(new Cursor<R>(p.text, bind(p, params), { types }));
      for (;;) {
        const rows = await cursor.read(batchSize);
        if (rows.length === 0) break;
        yield rows;
      }
      await cursor.close();
      cursor = null;
      await client.query('commit');
    } catch (error) {
      broken = true;
      throw storeError(error);
    } finally {
      // Stopped early (break) or failed: close the cursor and end the transaction.
      if (cursor) {
        try {
          await cursor.close();
          await client.query('rollback');
        } catch {
          broken = true;
        }
      }
      client.release(broken);
    }
  }

  maintain() {
    return { stop: async () => {} };
  }

  async broadcast(message: string): Promise<void> {
    try {
      await this.pool.query('select pg_notify($1, $2)', [changesChannel, message]);
    } catch (error) {
      throw storeError(error);
    }
  }

  /** Connections of their own (listening, leading), closed with the pool. */
  private readonly listeners = new Set<{ stop(): Promise<void> }>();

  lead(changed: (leading: boolean) => void) {
    return this.own(leaderLockOn(this.url, changed));
  }

  listen(hear: (message: string) => void, resync: () => void) {
    return this.own(listen(this.url, hear, resync));
  }

  private own(listener: { ready: Promise<void>; stop(): Promise<void> }) {
    this.listeners.add(listener);
    return {
      ready: listener.ready,
      stop: () => {
        this.listeners.delete(listener);
        return listener.stop();
      },
    };
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((l) => l.stop()));
    await this.pool.end();
  }
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

const selectors = new WeakMap<pg.Pool, HostSelector>();

export function createPool(url: string, options: PostgresOptions = {}): pg.Pool {
  const hosts = parseHosts(url);
  // Several hosts: connections follow the primary (see hosts.ts).
  const selector = hosts.urls.length > 1 ? new HostSelector(hosts) : null;
  const pool = new pg.Pool({
    connectionString: hosts.urls[0],
    ...(selector
      ? {
          Client: selector.clientClass(),
          // pg-pool awaits this hook and refuses the connection when it rejects (its types say void).
          onConnect: ((client: pg.ClientBase) =>
            (client as unknown as { checkWritable(): Promise<void> }).checkWritable()) as (
            client: pg.ClientBase,
          ) => void,
        }
      : {}),
    max: options.maxConnections ?? 20,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types,
    application_name: 'huiyin',
  });
  // An idle connection the server dropped: the pool discards it and opens a new one next time.
  pool.on('error', () => {});
  if (selector) selectors.set(pool, selector);
  return pool;
}
