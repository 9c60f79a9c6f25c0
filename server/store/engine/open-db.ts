// One setting picks the engine: HUIYIN_DATABASE_URL=postgres://… runs on PostgreSQL; without it
// the embedded SQLite file (HUIYIN_DB) is the default, so a newcomer needs nothing else.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config.ts';
import type { Db } from './db.ts';
import { openPostgres } from './postgres/open-postgres.ts';
import { createPool, PostgresDb } from './postgres/postgres-db.ts';
import { SqliteDb } from './sqlite/sqlite-db.ts';

export async function openDb(
  config: Pick<Config, 'HUIYIN_DB' | 'HUIYIN_DATABASE_URL' | 'HUIYIN_DATABASE_POOL'> &
    Partial<Pick<Config, 'HUIYIN_MIGRATE'>>,
): Promise<Db> {
  if (config.HUIYIN_DATABASE_URL)
    return openPostgres(config.HUIYIN_DATABASE_URL, {
      maxConnections: config.HUIYIN_DATABASE_POOL,
      migrate: config.HUIYIN_MIGRATE ?? 'auto',
    });
  if (config.HUIYIN_DB !== ':memory:') mkdirSync(dirname(config.HUIYIN_DB), { recursive: true });
  return SqliteDb.open(config.HUIYIN_DB, { migrate: config.HUIYIN_MIGRATE ?? 'auto' });
}

/**
 * A standby for heavy public reads: no migrations (it replays the primary's), its own pool.
 * Reads only: a write there fails as on any standby (503 unavailable).
 */
export function openReadReplica(url: string, maxConnections: number): Db {
  return new PostgresDb(createPool(url, { maxConnections }), url);
}
