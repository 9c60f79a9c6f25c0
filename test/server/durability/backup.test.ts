// On SQLite: `npm run backup` copies the live database while the server runs, and the copy
// restores. On PostgreSQL (HUIYIN_TEST_DATABASE_URL): it refuses, naming PostgreSQL's own tools.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../server/store/engine/open-db.ts';
import { sql } from '../../../server/store/engine/sql.ts';
import { repoRoot, startServer } from '../../bench/server-process.ts';
import { createTestDatabase, testEngine } from '../../support/test-database.ts';

const submissionCount = sql<{ n: number }>('select count(*) as n from submissions');

/** Submissions in a SQLite file, read as the next server would find it. */
async function countIn(file: string): Promise<number> {
  const db = await openDb({ HUIYIN_DB: file, HUIYIN_DATABASE_URL: '', HUIYIN_DATABASE_POOL: 1 });
  try {
    return (await db.value(submissionCount)) ?? 0;
  } finally {
    await db.close();
  }
}

const backup = (target: string, env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/ops/backup.ts', target], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe.runIf(testEngine === 'sqlite')('online backup and restore (SQLite)', () => {
  it('copies the live database while the server runs; the copy restores with every row', async () => {
    const server = await startServer({ env: { HUIYIN_DEMO: '1' } });
    try {
      const target = join(server.dir!, 'backup.db');
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'server/ops/backup.ts', target],
        {
          cwd: repoRoot,
          env: { ...process.env, HUIYIN_DB: server.dbFile, HUIYIN_DATABASE_URL: '' },
          encoding: 'utf8',
        },
      );
      expect(out).toMatch(/integrity ok/);
      // The server kept serving during the backup.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const copied = await countIn(target);
      expect(copied).toBe(await countIn(server.dbFile));
      expect(copied).toBeGreaterThan(50);

      // Restore: a server started on the copy serves the same campaigns and submissions.
      const restored = await startServer({ dbFile: target });
      const page = (await (
        await fetch(`${restored.url}/api/campaigns/leadership-board/submissions`)
      ).json()) as { total: number };
      expect(page.total).toBeGreaterThan(10);
      await restored.stop();
      // Refuses to overwrite an existing file.
      const again = backup(target, { HUIYIN_DB: server.dbFile, HUIYIN_DATABASE_URL: '' });
      expect(again.status).not.toBe(0);
      expect(again.stderr).toMatch(/exists/);
      expect(existsSync(target)).toBe(true);
    } finally {
      await server.stop();
      server.dispose();
    }
  }, 90_000);
});

describe.runIf(testEngine === 'postgres')('backup on PostgreSQL', () => {
  it('refuses, naming pg_dump and pg_basebackup, and leaves the demo server serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-backup-'));
    const database = await createTestDatabase(dir);
    const url = database.config.HUIYIN_DATABASE_URL;
    const server = await startServer({
      dbFile: database.config.HUIYIN_DB,
      databaseUrl: url,
      env: { HUIYIN_DEMO: '1' },
    });
    try {
      const target = join(dir, 'backup.db');
      const refused = backup(target, { HUIYIN_DATABASE_URL: url });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/pg_dump/);
      expect(refused.stderr).toMatch(/pg_basebackup/);
      expect(existsSync(target)).toBe(false);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      // The demo seed ran on PostgreSQL too.
      const page = (await (
        await fetch(`${server.url}/api/campaigns/leadership-board/submissions`)
      ).json()) as { total: number };
      expect(page.total).toBeGreaterThan(10);
    } finally {
      await server.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
