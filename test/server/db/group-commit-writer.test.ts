import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createGroupCommitWriter } from '../../../server/db/group-commit-writer.ts';

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
});
