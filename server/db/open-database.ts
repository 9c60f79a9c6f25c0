import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from '../../schema/index.ts';

export type Sqlite = Database.Database;
export type Db = ReturnType<typeof drizzle<typeof schema>>;
export type Database_ = { sqlite: Sqlite; db: Db };

const migrationsFolder = fileURLToPath(new URL('../../schema/migrations', import.meta.url));

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 * WAL + synchronous=FULL: a commit is on disk before we acknowledge it, so an acknowledged
 * submission survives kill -9 and power loss. The group-commit writer keeps that fast.
 */
export function openDatabase(file: string): Database_ {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { sqlite, db };
}
