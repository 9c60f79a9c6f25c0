// Vitest global setup: migrates one template database per run, which every test app copies
// (test-database.ts), instead of migrating from scratch for each of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDb } from '../../server/store/engine/open-db.ts';
import pg from 'pg';
import {
  adminQuery,
  databaseUrl,
  runPrefix,
  templateEnv,
  testDatabaseUrl,
  testEngine,
} from './test-database.ts';

export default async function setup(): Promise<() => Promise<void>> {
  if (testEngine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-template-'));
    const file = join(dir, 'template.db');
    const db = await openDb({ HUIYIN_DB: file, HUIYIN_DATABASE_URL: '', HUIYIN_DATABASE_POOL: 1 });
    await db.close();
    process.env[templateEnv.sqlite] = file;
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `huiyin_template_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const db = await openDb({
    HUIYIN_DB: '',
    HUIYIN_DATABASE_URL: databaseUrl(testDatabaseUrl, name),
    HUIYIN_DATABASE_POOL: 1,
  });
  await db.close();
  process.env[templateEnv.postgres] = name;
  return async () => {
    // Every test database of the run (each process keeps its emptied ones for reuse), then the
    // template.
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'select datname as name from pg_database where datname like $1',
        [`${runPrefix()}%`],
      );
      for (const r of rows) await client.query(`drop database if exists ${r.name} with (force)`);
      await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  };
}
