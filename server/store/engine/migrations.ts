// Applies drizzle-kit's migrations (one folder per engine, see schema/README.md) at start-up, each
// in its own transaction, into drizzle's own bookkeeping table, so drizzle-kit and this agree on
// what has run. Unlike drizzle's migrator it names the migration that failed, and it refuses a
// database that has run migrations this code does not have (an older build on a newer schema).
import { readFileSync } from 'node:fs';
import { readMigrationFiles } from 'drizzle-orm/migrator';

export type Migration = { tag: string; statements: string[]; hash: string; createdAt: number };

export function readMigrations(folder: string): Migration[] {
  const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  return readMigrationFiles({ migrationsFolder: folder }).map((m, i) => ({
    tag: journal.entries[i]!.tag,
    statements: m.sql.filter((s) => s.trim() !== ''),
    hash: m.hash,
    createdAt: m.folderMillis,
  }));
}

/** What a migrator needs from a connection of either engine. */
export type MigrationTarget = {
  /** The bookkeeping table's name as SQL (schema-qualified where the engine has schemas). */
  table: string;
  exec(statement: string): Promise<void>;
  applied(): Promise<{ hash: string; createdAt: number }[]>;
  record(m: Migration): Promise<void>;
};

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema up to date; returns the tags applied now. With `apply: false` a database
 * lacking migrations is refused instead (HUIYIN_MIGRATE=off), naming them.
 */
export async function applyMigrations(
  target: MigrationTarget,
  migrations: Migration[],
  { apply = true }: { apply?: boolean } = {},
): Promise<string[]> {
  const applied = await target.applied();
  const known = new Set(migrations.map((m) => m.createdAt));
  const unknown = applied.filter((a) => !known.has(a.createdAt));
  if (unknown.length > 0)
    throw new MigrationError(
      `The database has ${unknown.length} migration(s) this version of Huiyin does not have (the newest from ${new Date(Math.max(...unknown.map((u) => u.createdAt))).toISOString()}): it was upgraded by a newer build. Run that build, or restore a backup taken before it.`,
    );
  const last = applied.reduce((max, a) => Math.max(max, a.createdAt), 0);
  const pending = migrations.filter((m) => m.createdAt > last);
  if (!apply && pending.length > 0)
    throw new MigrationError(
      `The database lacks ${pending.length} migration(s) this version of Huiyin needs (${pending.map((m) => m.tag).join(', ')}) and HUIYIN_MIGRATE=off: start one node with HUIYIN_MIGRATE=auto to upgrade it first.`,
    );
  const done: string[] = [];
  for (const migration of migrations) {
    if (migration.createdAt <= last) continue;
    try {
      await target.exec('begin');
      for (const statement of migration.statements) await target.exec(statement);
      await target.record(migration);
      await target.exec('commit');
    } catch (error) {
      await target.exec('rollback').catch(() => undefined);
      throw new MigrationError(
        `Migration ${migration.tag} failed, nothing of it was applied: ${(error as Error).message}`,
        { cause: error },
      );
    }
    done.push(migration.tag);
  }
  return done;
}
