import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupCommitWriter } from '../../../server/db/group-commit-writer.ts';
import type { SyncFile } from '../../../server/db/wal-sync.ts';

/** A WAL database file whose syncs the test releases by hand. */
function walTable() {
  const sqlite = new Database(join(mkdtempSync(join(tmpdir(), 'hy-wal-')), 'w.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('create table t (k text primary key)');
  const syncs: { settle: (error: Error | null) => void }[] = [];
  const syncFile: SyncFile = (_fd, done) => syncs.push({ settle: done });
  return { sqlite, syncs, syncFile };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function table() {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (k text primary key)');
  return sqlite;
}

describe('group commit writer', () => {
  it('commits concurrent writes in one transaction and resolves each with its own result', async () => {
    const sqlite = table();
    const writer = createGroupCommitWriter(sqlite);
    let transactions = 0;
    const results = await Promise.all(
      ['a', 'b', 'c'].map((k) =>
        writer.run(() => {
          if (!sqlite.inTransaction) throw new Error('not in a transaction');
          transactions += 1;
          sqlite.prepare('insert into t values (?)').run(k);
          return k.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C']);
    expect(transactions).toBe(3);
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(3);
  });

  it('rolls back only the failing piece of work; the rest of the batch commits', async () => {
    const sqlite = table();
    const writer = createGroupCommitWriter(sqlite);
    const outcomes = await Promise.allSettled([
      writer.run(() => sqlite.prepare('insert into t values (?)').run('x')),
      writer.run(() => {
        sqlite.prepare('insert into t values (?)').run('half-written');
        sqlite.prepare('insert into t values (?)').run('x'); // duplicate key: fails
      }),
      writer.run(() => sqlite.prepare('insert into t values (?)').run('y')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sqlite.prepare('select k from t order by k').pluck().all()).toEqual(['x', 'y']);
  });

  it('answers a batch only after the WAL file is synced, off the event loop', async () => {
    const { sqlite, syncs, syncFile } = walTable();
    const writer = createGroupCommitWriter(sqlite, { syncFile });
    let answered = 0;
    let synchronousInCommit: unknown;
    const first = writer.run(() => {
      synchronousInCommit = sqlite.pragma('synchronous', { simple: true });
      return sqlite.prepare('insert into t values (?)').run('a');
    });
    void first.then(() => answered++);
    await tick();
    // Committed (visible), not yet acknowledged: the sync has not returned.
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(1);
    expect(syncs).toHaveLength(1);
    expect(answered).toBe(0);
    // The commit itself ran without its own fsync (NORMAL), and the connection is back to FULL.
    expect(synchronousInCommit).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);

    // Writes that arrive while a sync runs gather into one batch, committed when it returns.
    const second = writer.run(() => sqlite.prepare('insert into t values (?)').run('b'));
    const third = writer.run(() => sqlite.prepare('insert into t values (?)').run('c'));
    await tick();
    expect(syncs).toHaveLength(1);
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(1);
    syncs[0]!.settle(null);
    await first;
    expect(answered).toBe(1);
    await tick();
    expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(3);
    expect(syncs).toHaveLength(2);
    syncs[1]!.settle(null);
    await Promise.all([second, third]);
  });

  it('does not acknowledge a batch whose sync failed, and the next batch syncs again', async () => {
    const { sqlite, syncs, syncFile } = walTable();
    const writer = createGroupCommitWriter(sqlite, { syncFile });
    const lost = writer.run(() => sqlite.prepare('insert into t values (?)').run('a'));
    await tick();
    syncs[0]!.settle(new Error('EIO'));
    await expect(lost).rejects.toThrow('EIO');
    const kept = writer.run(() => sqlite.prepare('insert into t values (?)').run('b'));
    await tick();
    syncs[1]!.settle(null);
    await expect(kept).resolves.toBeDefined();
  });
});
