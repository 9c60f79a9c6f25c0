import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, startServer } from '../../bench/server-process.ts';

describe('online backup and restore', () => {
  it('copies the live database while the server runs; the copy restores with every row', async () => {
    const server = await startServer({ env: { HUIYIN_DEMO: '1' } });
    try {
      const target = join(server.dir!, 'backup.db');
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'server/ops/backup.ts', target],
        {
          cwd: repoRoot,
          env: { ...process.env, HUIYIN_DB: server.dbFile },
          encoding: 'utf8',
        },
      );
      expect(out).toMatch(/integrity ok/);
      // The server kept serving during the backup.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const live = new Database(server.dbFile, { readonly: true });
      const copy = new Database(target, { readonly: true });
      const count = (db: Database.Database) =>
        db.prepare('select count(*) from submissions').pluck().get();
      expect(count(copy)).toBe(count(live));
      expect(count(copy)).toBeGreaterThan(50);
      live.close();
      copy.close();

      // Restore: a server started on the copy serves the same campaigns and submissions.
      const restored = await startServer({ dbFile: target });
      const page = (await (
        await fetch(`${restored.url}/api/campaigns/leadership-board/submissions`)
      ).json()) as { total: number };
      expect(page.total).toBeGreaterThan(10);
      await restored.stop();
      // Refuses to overwrite an existing file.
      expect(() =>
        execFileSync(process.execPath, ['--import', 'tsx', 'server/ops/backup.ts', target], {
          cwd: repoRoot,
          env: { ...process.env, HUIYIN_DB: server.dbFile },
          stdio: 'pipe',
        }),
      ).toThrow();
      expect(existsSync(target)).toBe(true);
    } finally {
      await server.stop();
      server.dispose();
    }
  }, 60_000);
});
