// `npm run backup -- FILE`: an online, consistent copy of the database while the server runs.
// SQLite's backup API copies pages from a read transaction, so writers are not stopped and the
// copy is a snapshot of one moment. Restore: stop the server, put the copy at HUIYIN_DB, start.
// On PostgreSQL (HUIYIN_DATABASE_URL) this refuses: use PostgreSQL's own tools.
import { loadConfig, type Config } from '../config.ts';
import { backupSqlite } from '../store/backup.ts';

export class BackupRefused extends Error {}

/** Why this command does not back up a PostgreSQL database, and what does. */
export const postgresBackupAdvice =
  'HUIYIN_DATABASE_URL is set: this database is PostgreSQL, which `npm run backup` does not copy. ' +
  'Use PostgreSQL\'s own tools: `pg_dump --format=custom "$HUIYIN_DATABASE_URL" > huiyin.dump` ' +
  'for a consistent logical copy (restore with pg_restore), or `pg_basebackup` (with WAL ' +
  'archiving) for a physical copy and point-in-time recovery.';

/** Backs up the configured database to `target` (a new file); SQLite only. */
export async function backupDatabase(
  config: Pick<Config, 'HUIYIN_DB' | 'HUIYIN_DATABASE_URL'>,
  target: string,
): Promise<{ pages: number; integrity: string }> {
  if (config.HUIYIN_DATABASE_URL) throw new BackupRefused(postgresBackupAdvice);
  return backupSqlite(config.HUIYIN_DB, target);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run backup -- FILE');
    process.exit(2);
  }
  const config = loadConfig();
  backupDatabase(config, target)
    .then((r) => {
      console.log(
        `backed up ${config.HUIYIN_DB} to ${target}: ${r.pages} pages, integrity ${r.integrity}`,
      );
      if (r.integrity !== 'ok') process.exit(1);
    })
    .catch((error: unknown) => {
      console.error(error instanceof BackupRefused ? error.message : String(error));
      process.exit(error instanceof BackupRefused ? 2 : 1);
    });
}
