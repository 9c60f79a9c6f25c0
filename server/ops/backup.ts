// `npm run backup -- FILE`: an online, consistent copy of the database while the server runs.
// SQLite's backup API copies pages from a read transaction, so writers are not stopped and the
// copy is a snapshot of one moment. Restore: stop the server, put the copy at HUIYIN_DB, start.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';

export async function backupDatabase(
  source: string,
  target: string,
): Promise<{ pages: number; integrity: string }> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const progress = await db.backup(target);
    const copy = new Database(target, { readonly: true });
    const integrity = copy.pragma('integrity_check', { simple: true }) as string;
    copy.close();
    return { pages: progress.totalPages, integrity };
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run backup -- FILE');
    process.exit(2);
  }
  const { HUIYIN_DB } = loadConfig();
  backupDatabase(HUIYIN_DB, target)
    .then((r) => {
      console.log(
        `backed up ${HUIYIN_DB} to ${target}: ${r.pages} pages, integrity ${r.integrity}`,
      );
      if (r.integrity !== 'ok') process.exit(1);
    })
    .catch((error: unknown) => {
      console.error(String(error));
      process.exit(1);
    });
}
