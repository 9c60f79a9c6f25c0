/**
 * PostgreSQL for `--engine=postgres`. With HUIYIN_BENCH_DATABASE_URL (an account that may create
 * databases) the benchmarks use that server; otherwise one throwaway cluster is started for the
 * whole `npm run bench`, as .ci/run (test/support/with-postgres.sh) does it: Debian's
 * PostgreSQL 15 binaries, `initdb --locale=C.UTF-8 -E UTF8 -A trust` as the postgres user,
 * durable commits (`fsync=on synchronous_commit=on`), `max_connections=300`, shared buffers a
 * quarter of memory (at most 4 GB) as deploy/patroni/db1.yml sizes them, a free local port,
 * data in a temp folder; run.ts stops and removes it at the end (`stopBenchCluster`).
 *
 * Every benchmark run gets a fresh database of its own (`createBenchDatabase`), dropped after.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

export type Engine = 'sqlite' | 'postgres';

/** `--engine=sqlite|postgres` (default sqlite). */
export function engineFlag(flags: Record<string, string>): Engine {
  const engine = flags.engine ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') {
    throw new Error(`--engine=${engine}: expected sqlite or postgres`);
  }
  return engine;
}

/** Debian's PostgreSQL binaries: HUIYIN_BENCH_PG_BIN, else 15, else the newest installed. */
export function postgresBin(): string {
  if (process.env.HUIYIN_BENCH_PG_BIN) return process.env.HUIYIN_BENCH_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(join(root, '15', 'bin', 'initdb'))) return join(root, '15', 'bin');
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (!versions.length) {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql postgresql-contrib');
  }
  return join(root, versions.at(-1)!, 'bin');
}

type Cluster = { adminUrl: string; dir: string; bin: string; port: number };

let cluster: Promise<Cluster> | null = null;

async function startCluster(log: (message: string) => void): Promise<Cluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-bench-pg-'));
  const data = join(dir, 'data');
  const pgLog = join(dir, 'log');
  const asPostgres = (tool: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: dir });
  try {
    chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), -1);
    await asPostgres('initdb', ['-D', data, '--locale=C.UTF-8', '-E', 'UTF8', '-A', 'trust']);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=on',
      '-c synchronous_commit=on',
      '-c max_connections=300',
      // Memory as a database host is given it (deploy/patroni/db1.yml), not PostgreSQL's 128 MB
      // default: a quarter of the machine's memory for shared buffers (at most 4 GB), half as
      // the cache estimate. At 128 MB the 1M-row search index is read from disk query by query.
      `-c shared_buffers=${Math.min(4096, Math.floor(totalmem() / 4 / 2 ** 20))}MB`,
      `-c effective_cache_size=${Math.floor(totalmem() / 2 / 2 ** 20)}MB`,
    ].join(' ');
    await asPostgres('pg_ctl', ['-D', data, '-w', '-l', pgLog, '-o', options, 'start']);
    log(`PostgreSQL cluster (${bin}) started on port ${port}, data in ${data}`);
    return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, bin, port };
  } catch (error) {
    const tail = existsSync(pgLog) ? readFileSync(pgLog, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster: ${String(error)}\n${tail}`, {
      cause: error,
    });
  }
}

/** The admin URL of the PostgreSQL the benchmarks use, starting the throwaway cluster if need be. */
export async function benchPostgres(log: (message: string) => void): Promise<string> {
  const given = process.env.HUIYIN_BENCH_DATABASE_URL;
  if (given) return given;
  cluster ??= startCluster(log).catch((error: unknown) => {
    cluster = null;
    throw error;
  });
  return (await cluster).adminUrl;
}

/** Stops and removes the throwaway cluster, if one was started (run.ts, at the end). */
export async function stopBenchCluster(): Promise<void> {
  if (!cluster) return;
  const started = cluster;
  cluster = null;
  const c = await started.catch(() => null);
  if (!c) return;
  await run('runuser', [
    '-u',
    'postgres',
    '--',
    join(c.bin, 'pg_ctl'),
    '-D',
    join(c.dir, 'data'),
    '-m',
    'fast',
    '-w',
    'stop',
  ]).catch(() => undefined);
  rmSync(c.dir, { recursive: true, force: true });
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export type BenchDatabase = { name: string; url: string; drop(): Promise<void> };

/**
 * A fresh database for one benchmark run: empty (the server migrates it when it starts), or a
 * copy of `template` (a kept data set; nobody may be connected to it meanwhile).
 */
export async function createBenchDatabase(
  adminUrl: string,
  prefix = 'huiyin_bench',
  template?: string,
): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(
    adminUrl,
    template
      ? `create database ${name} template ${pg.escapeIdentifier(template)}`
      : `create database ${name}`,
  );
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/** Whether a database of that name exists on the server. */
export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** Keeps a run's database under a fixed name (replacing an older one), for a later --db. */
export async function keepDatabase(adminUrl: string, name: string, as: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists ${pg.escapeIdentifier(as)} with (force)`);
  await adminQuery(adminUrl, `alter database ${name} rename to ${pg.escapeIdentifier(as)}`);
}

/** Connection options for PostgreSQL's own tools (psql, pgbench) from a URL. */
export function toolConnection(url: string): { args: string[]; env: Record<string, string> } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return {
    args: [
      '-h',
      u.hostname || '127.0.0.1',
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username || 'postgres'),
      '-d',
      decodeURIComponent(u.pathname.slice(1) || 'postgres'),
    ],
    env,
  };
}

/**
 * The postmaster's process id when the server runs on this machine (its data directory is
 * readable here), so the CPU of PostgreSQL's processes can be told apart; null otherwise.
 */
export async function postmasterPid(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    const file = join(rows[0]!.data_directory, 'postmaster.pid');
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && existsSync(`/proc/${pid}`) ? pid : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
