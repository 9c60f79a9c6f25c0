import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWalCheckpoints } from '../../../server/store/engine/sqlite/wal-checkpoints.ts';

describe('WAL checkpoints off the event loop', () => {
  it('takes checkpoints away from commits and copies the WAL back from a worker thread', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hy-ckpt-')), 'c.db');
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table t (v text)');
    const checkpoints = startWalCheckpoints(sqlite, { everyMs: 60_000 });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    // About 2,000 pages: SQLite alone would have checkpointed (and restarted the WAL) inside
    // these commits once it passed 1,000.
    const insert = sqlite.prepare('insert into t values (?)');
    for (let i = 0; i < 40; i++) sqlite.transaction(() => insert.run('x'.repeat(200_000)))();
    const result = await checkpoints.runNow();
    expect(result!.walFrames).toBeGreaterThan(1500);
    expect(result!.copied).toBe(result!.walFrames);
    // Copied back: a new writer starts the WAL over instead of appending to it.
    sqlite.transaction(() => insert.run('y'))();
    expect((await checkpoints.runNow())!.walFrames).toBeLessThan(10);

    await checkpoints.stop();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    sqlite.close();
  });
});
