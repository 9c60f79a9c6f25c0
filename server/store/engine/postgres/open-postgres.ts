// Connects to PostgreSQL, says clearly where it failed when it cannot (host and database, never
// the password), and brings the schema up to date under an advisory lock, so app nodes starting
// together migrate once.
import type pg from 'pg';
import { fileURLToPath } from 'node:url';
import { applyMigrations, readMigrations, type MigrationTarget } from '../migrations.ts';
import { createPool, PostgresDb, type PostgresOptions } from './postgres-db.ts';

const migrationsFolder = fileURLToPath(
  new URL('../../../../schema/migrations-pg', import.meta.url),
);

// Any constant: every Huiyin node takes the same lock while it migrates.
const migrationLock = 4_826_100_317;

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `host ${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}, database ${u.pathname.slice(1) || '(default)'}${u.username ? `, user ${u.username}` : ''}`;
  } catch {
    return 'an unparseable HUIYIN_DATABASE_URL';
  }
}

export class PostgresUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PostgresUnreachable';
  }
}

function migrationTarget(client: pg.PoolClient): MigrationTarget {
  const table = 'drizzle.__drizzle_migrations';
  return {
    table,
    exec: async (statement) => void (await client.query(statement)),
    applied: async () => {
      await client.query('create schema if not exists drizzle');
      await client.query(
        `create table if not exists ${table} (id serial primary key, hash text not null, created_at bigint)`,
      );
      const { rows } = await client.query<{ hash: string; createdAt: number }>(
        `select hash, created_at as "createdAt" from ${table}`,
      );
      return rows;
    },
    record: async (m) =>
      void (await client.query(`insert into ${table} (hash, created_at) values ($1, $2)`, [
        m.hash,
        m.createdAt,
      ])),
  };
}

export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresDb> {
  const pool = createPool(url, options);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PostgresUnreachable(
      `Cannot connect to PostgreSQL (${describe(url)}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLock]);
    try {
      await applyMigrations(migrationTarget(client), readMigrations(migrationsFolder), {
        apply: options.migrate !== 'off',
      });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [migrationLock]);
    }
  } catch (error) {
    client.release(true);
    await pool.end().catch(() => undefined);
    throw error;
  }
  try {
    // Text sorts by code point on SQLite; a database created with another collation would list
    // (and page) names and titles in another order. Said, not refused: it still works.
    const { rows } = await client.query<{ collation: string }>(
      'select datcollate as collation from pg_database where datname = current_database()',
    );
    const collation = rows[0]?.collation ?? '';
    if (!/^(C|POSIX|C\.UTF-?8)$/i.test(collation))
      console.warn(
        JSON.stringify({
          level: 'warn',
          msg: `PostgreSQL database collation is ${collation}; create it with --locale=C.UTF-8 for the same order as SQLite`,
        }),
      );
  } finally {
    client.release();
  }
  return new PostgresDb(pool, url);
}
