import type Database from 'better-sqlite3';
import type { Sqlite } from './open-database.ts';

type Statement = Database.Statement<unknown[], unknown>;
const caches = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * A prepared statement for this SQL on this database, prepared once. For hot paths: preparing
 * costs more than running a simple statement. Don't toggle modes (`pluck`) on a cached statement
 * that another caller uses without them; use one SQL string per way of reading.
 */
export function cachedStatement(sqlite: Sqlite, sql: string): Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
