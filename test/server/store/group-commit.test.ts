// SQLite's group commit (server/store/engine/sqlite/group-commit.ts): concurrent writes share one
// transaction, each in its own savepoint, answered only once the WAL is synced; work is async.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from '../../../server/store/engine/sql.ts';
import { createGroupCommit } from '../../../server/store/engine/sqlite/group-commit.ts';
import { SqliteStatements } from '../../../server/store/engine/sqlite/statements.ts';
import type { SyncFile } from '../../../server/store/engine/sqlite/wal-sync.ts';

const insert = sql('insert into t values (?)');
const count = sql<{ n: number }>('select count(*) as n from t');
const keys = sql<{ k: string }>('select k from t order by k');

/** A WAL database file whose syncs the test releases by hand, and a second (reading) connection. */
function walTable() {
  const file = join(mkdtempSync(join(tmpdir(), 'hy-wal-')), 'w.db');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('create table t (k text primary key)');
  const syncs: { settle: (error: Error | null) => void }[] = [];
  const syncFile: SyncFile = (_fd, done) => syncs.push({ settle: done });
  const reader = new SqliteStatements(new Database(file, { readonly: true }));
  return { sqlite, tx: new SqliteStatements(sqlite), reader, syncs, syncFile };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Waits until `ready` holds (a batch reached its sync), not a fixed time: CI machines are busy. */
async function until(ready: () => boolean) {
  for (let waited = 0; !ready() && waited < 5_000; waited += 20) await tick();
}

function table() {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (k text primary key)');
  return { sqlite, tx: new SqliteStatements(sqlite) };
}

describe('group commit', () => {
  it('commits concurrent writes in one transaction and resolves each with its own result', async () => {
    const { sqlite, tx } = table();
    const writer = createGroupCommit(tx);
    let transactions = 0;
    const results = await Promise.all(
      ['a', 'b', 'c'].map((k) =>
        writer.run(async (q) => {
          if (!sqlite.inTransaction) throw new Error('not in a transaction');
          transactions += 1;
          await q.run(insert, k);
          return k.toUpperCase();
        }),
      ),
    );
    expect(results).toEqual(['A', 'B', 'C']);
    expect(transactions).toBe(3);
    expect(await tx.value(count)).toBe(3);
  });

  it('rolls back only the failing piece of work; the rest of the batch commits', async () => {
    const { tx } = table();
    const writer = createGroupCommit(tx);
    const outcomes = await Promise.allSettled([
      writer.run((q) => q.run(insert, 'x')),
      writer.run(async (q) => {
        await q.run(insert, 'half-written');
        await q.run(insert, 'x'); // duplicate key: fails
      }),
      writer.run((q) => q.run(insert, 'y')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await tx.column(keys)).toEqual(['x', 'y']);
  });

  it('runs async work one piece after another, each seeing its own writes; readers see none before the commit', async () => {
    const { tx, reader, syncs, syncFile } = walTable();
    const writer = createGroupCommit(tx, { syncFile });
    const seenByReader: number[] = [];
    const work = (k: string) =>
      writer.run(async (q) => {
        await q.run(insert, k);
        // Another request reading meanwhile (on the read connection) sees only committed rows.
        seenByReader.push((await reader.value(count))!);
        return (await q.value(count))!;
      });
    const counts = Promise.all([work('a'), work('b')]);
    await until(() => syncs.length > 0);
    expect(seenByReader).toEqual([0, 0]);
    syncs[0]!.settle(null);
    expect(await counts).toEqual([1, 2]);
    expect(await reader.value(count)).toBe(2);
  });

  it('answers a batch only after the WAL file is synced, off the event loop', async () => {
    const { sqlite, tx, syncs, syncFile } = walTable();
    const writer = createGroupCommit(tx, { syncFile });
    let answered = 0;
    let synchronousInCommit: unknown;
    const first = writer.run((q) => {
      synchronousInCommit = sqlite.pragma('synchronous', { simple: true });
      return q.run(insert, 'a');
    });
    void first.then(() => answered++);
    await until(() => syncs.length === 1);
    // Committed (visible), not yet acknowledged: the sync has not returned.
    expect(await tx.value(count)).toBe(1);
    expect(syncs).toHaveLength(1);
    expect(answered).toBe(0);
    // The commit itself ran without its own fsync (NORMAL), and the connection is back to FULL.
    expect(synchronousInCommit).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);

    // Writes that arrive while a sync runs gather into one batch, committed when it returns.
    const second = writer.run((q) => q.run(insert, 'b'));
    const third = writer.run((q) => q.run(insert, 'c'));
    await tick();
    expect(syncs).toHaveLength(1);
    expect(await tx.value(count)).toBe(1);
    syncs[0]!.settle(null);
    await first;
    expect(answered).toBe(1);
    await until(() => syncs.length === 2);
    expect(await tx.value(count)).toBe(3);
    expect(syncs).toHaveLength(2);
    syncs[1]!.settle(null);
    await Promise.all([second, third]);
  });

  it('does not acknowledge a batch whose sync failed, and the next batch syncs again', async () => {
    const { tx, syncs, syncFile } = walTable();
    const writer = createGroupCommit(tx, { syncFile });
    const lost = writer.run((q) => q.run(insert, 'a'));
    await until(() => syncs.length === 1);
    syncs[0]!.settle(new Error('EIO'));
    await expect(lost).rejects.toThrow('EIO');
    const kept = writer.run((q) => q.run(insert, 'b'));
    await until(() => syncs.length === 2);
    syncs[1]!.settle(null);
    await expect(kept).resolves.toBeDefined();
  });
});
