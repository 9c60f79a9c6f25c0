// An online, consistent copy of the SQLite database while the server runs. SQLite's backup API
// copies pages from a read transaction, so writers are not stopped and the copy is a snapshot of
// one moment. PostgreSQL has its own tools for this (pg_dump, pg_basebackup): the store does not
// copy a PostgreSQL database.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/** Copies the SQLite file `source` to the new file `target` and checks the copy's integrity. */
export async function backupSqlite(
  source: string,
  target: string,
): Promise<{ pages: number; integrity: string }> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const progress = await db.backup(target);
    const copy = new Database(target, { readonly: true });
    try {
      const integrity = copy.pragma('integrity_check', { simple: true }) as string;
      return { pages: progress.totalPages, integrity };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}
