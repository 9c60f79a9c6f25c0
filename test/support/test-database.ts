// A fresh, migrated database per test app, on the engine the run was started with:
// HUIYIN_TEST_DATABASE_URL=postgres://… (an account that may create databases) runs on
// PostgreSQL, otherwise SQLite files in a temp folder. The schema is migrated once per run, into a
// template (test/support/database-template.ts), and each test app gets a copy: a file copy on
// SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const testDatabaseUrl = process.env.HUIYIN_TEST_DATABASE_URL ?? '';
export const testEngine = testDatabaseUrl ? ('postgres' as const) : ('sqlite' as const);

/** Where this run's migrated template lives (set by the global setup). */
export const templateEnv = {
  sqlite: 'HUIYIN_TEST_TEMPLATE_FILE',
  postgres: 'HUIYIN_TEST_TEMPLATE_DATABASE',
} as const;

export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

export type TestDatabase = {
  /** Config entries that point the app at it. */
  config: { HUIYIN_DB: string; HUIYIN_DATABASE_URL: string };
  /** Gives it back (close the app first): emptied for the next test app, or removed. */
  drop(): Promise<void>;
};

/** This run's test databases share a prefix, so the global teardown finds every one. */
export const runPrefix = () => `huiyin_t_${process.env[templateEnv.postgres]?.slice(-8) ?? 'x'}_`;

// On PostgreSQL a database given back is emptied (TRUNCATE … RESTART IDENTITY: tens of
// milliseconds) and handed to this process's next test app, instead of dropping it and copying
// the template again (a quarter of a second each, hundreds of times per run).
const free: string[] = [];
const tablesOf = new Map<string, string>();

async function onDatabase<T>(name: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(testDatabaseUrl, name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function empty(name: string): Promise<void> {
  await onDatabase(name, async (client) => {
    let tables = tablesOf.get(name);
    if (!tables) {
      const { rows } = await client.query<{ name: string }>(
        "select quote_ident(tablename) as name from pg_tables where schemaname = 'public'",
      );
      tables = rows.map((r) => r.name).join(', ');
      tablesOf.set(name, tables);
    }
    await client.query(`truncate ${tables} restart identity cascade`);
  });
}

/** A copy of the migrated template for one test app; `dir` holds SQLite's file. */
export async function createTestDatabase(dir: string): Promise<TestDatabase> {
  if (testEngine === 'sqlite') {
    const file = join(dir, 'test.db');
    const template = process.env[templateEnv.sqlite];
    if (template) copyFileSync(template, file);
    return { config: { HUIYIN_DB: file, HUIYIN_DATABASE_URL: '' }, drop: async () => {} };
  }
  const template = process.env[templateEnv.postgres];
  let name = free.pop();
  if (!name) {
    name = `${runPrefix()}${randomBytes(6).toString('hex')}`;
    await adminQuery(
      template ? `create database ${name} template ${template}` : `create database ${name}`,
    );
  }
  const taken = name;
  return {
    config: {
      HUIYIN_DB: join(dir, 'unused.db'),
      HUIYIN_DATABASE_URL: databaseUrl(testDatabaseUrl, taken),
    },
    drop: async () => {
      try {
        await empty(taken);
        free.push(taken);
      } catch {
        await adminQuery(`drop database if exists ${taken} with (force)`);
      }
    },
  };
}
