// The store's port on the engine this run uses (SQLite, or PostgreSQL with
// HUIYIN_TEST_DATABASE_URL): the same calls must mean the same on both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/store/engine/db.ts';
import { isUniqueViolation } from '../../../server/store/engine/errors.ts';
import { openDb } from '../../../server/store/engine/open-db.ts';
import { sql } from '../../../server/store/engine/sql.ts';
import { openPostgres } from '../../../server/store/engine/postgres/open-postgres.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../support/test-database.ts';

let dir: string;
let database: TestDatabase;
let db: Db;

const counter = sql<{ last: number }>(
  'insert into ref_counters (key, last) values (?, 1) on conflict(key) do update set last = ref_counters.last + 1 returning last',
);
const counterOf = sql<{ last: number }>('select last from ref_counters where key = ?');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'huiyin-engine-'));
  database = await createTestDatabase(dir);
  db = await openDb({ ...database.config, HUIYIN_DATABASE_POOL: 8 });
});

afterAll(async () => {
  await db.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the store's port on ${testEngine}`, () => {
  it('reads rows, a value, a column and binds lists and named parameters', async () => {
    await db.write(async (tx) => {
      for (const [key, last] of [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ] as const)
        await tx.run(sql('insert into ref_counters (key, last) values (@key, @last)'), {
          key,
          last,
        });
    });
    const rows = await db.all(
      sql<{ key: string; last: number }>(
        (d) => `select key, last from ref_counters where key in ${d.list('text')} order by key`,
      ),
      ['a', 'c'],
    );
    expect(rows).toEqual([
      { key: 'a', last: 1 },
      { key: 'c', last: 3 },
    ]);
    expect(typeof rows[0]!.last).toBe('number');
    expect(await db.value(sql<{ n: number }>('select count(*) as n from ref_counters'))).toBe(3);
    expect(
      await db.column(sql<{ key: string }>('select key from ref_counters order by key desc')),
    ).toEqual(['c', 'b', 'a']);
    expect(await db.get(counterOf, 'missing')).toBeUndefined();
    expect(await db.value(counterOf, 'missing')).toBeUndefined();
  });

  it('writes many rows from parallel arrays in one statement, nulls included', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `arr${i}`);
    const insert = sql(
      (d) => `insert into ref_counters (key, last)
       select key, last from ${d.rows([
         ['key', 'text'],
         ['last', 'bigint'],
       ])} where true on conflict (key) do update set last = excluded.last`,
    );
    const before = db.counter.statements;
    await db.write((tx) =>
      tx.run(
        insert,
        keys,
        keys.map((_, i) => i),
      ),
    );
    expect(db.counter.statements - before).toBe(1);
    const rows = await db.all(
      sql<{ key: string; last: number }>(
        "select key, last from ref_counters where key like 'arr%' order by last",
      ),
    );
    expect(rows).toHaveLength(300);
    expect(rows[299]).toEqual({ key: 'arr299', last: 299 });
    const pairs = sql<{ a: string; b: string | null }>(
      (d) =>
        `select a, b from ${d.rows([
          ['a', 'text'],
          ['b', 'text'],
        ])} order by a`,
    );
    expect(await db.all(pairs, ['x', 'y'], ['1', null])).toEqual([
      { a: 'x', b: '1' },
      { a: 'y', b: null },
    ]);
  });

  it('counts every statement it runs, reads and writes alike', async () => {
    const before = db.counter.statements;
    await db.value(counterOf, 'a');
    await db.all(counterOf, 'b');
    await db.write((tx) => tx.run(counter, 'counted'));
    expect(db.counter.statements - before).toBe(3);
  });

  it('rolls back only the work that failed, and reports a unique violation as such', async () => {
    const ok = db.write((tx) => tx.run(counter, 'kept'));
    const failed = db.write(async (tx) => {
      await tx.run(counter, 'dropped');
      await tx.run(sql("insert into ref_counters (key, last) values ('a', 9)"));
    });
    await expect(ok).resolves.toEqual({ changes: 1 });
    const error = await failed.catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.value(counterOf, 'kept')).toBe(1);
    expect(await db.value(counterOf, 'dropped')).toBeUndefined();
  });

  it('serializes concurrent read-modify-write transactions: no update is lost', async () => {
    await db.write((tx) => tx.run(sql("insert into ref_counters (key, last) values ('rmw', 0)")));
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.write(async (tx) => {
          const last = (await tx.value(counterOf, 'rmw'))!;
          await tx.run(sql('update ref_counters set last = ? where key = ?'), last + 1, 'rmw');
        }),
      ),
    );
    expect(await db.value(counterOf, 'rmw')).toBe(20);
  });

  it('streams a large read in batches and stops early without leaking the cursor', async () => {
    await db.write(async (tx) => {
      for (let i = 0; i < 2500; i++)
        await tx.run(
          sql('insert into ref_counters (key, last) values (?, ?)'),
          `s${String(i).padStart(5, '0')}`,
          i,
        );
    });
    const q = sql<{ key: string; last: number }>(
      "select key, last from ref_counters where key like 's%' order by key",
    );
    const sizes: number[] = [];
    let total = 0;
    for await (const batch of db.stream(q, [], 1000)) {
      sizes.push(batch.length);
      total += batch.reduce((sum, r) => sum + r.last, 0);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(total).toBe((2499 * 2500) / 2);
    for await (const batch of db.stream(q, [], 10)) {
      expect(batch).toHaveLength(10);
      break;
    }
    // The connection is back: ordinary reads and writes still work.
    await db.write((tx) => tx.run(counter, 'after-stream'));
    expect(await db.value(counterOf, 'after-stream')).toBe(1);
  });

  it('reads a consistent state in a snapshot while writes commit', async () => {
    const seen = await db.snapshot(async (tx) => {
      const before = await tx.value(counterOf, 'rmw');
      await db.write((w) => w.run(sql("update ref_counters set last = 100 where key = 'rmw'")));
      const after = await tx.value(counterOf, 'rmw');
      return { before, after };
    });
    expect(seen).toEqual({ before: 20, after: 20 });
    expect(await db.value(counterOf, 'rmw')).toBe(100);
  });
});

describe.runIf(testEngine === 'postgres')('PostgreSQL unreachable', () => {
  it('names the host and database, never the password', async () => {
    const error = (await openPostgres('postgres://huiyin:s3cret-pw@127.0.0.1:1/huiyin_prod').catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toContain('host 127.0.0.1:1, database huiyin_prod');
    expect(error.message).not.toContain('s3cret-pw');
  });
});
