// On either engine (SQLite, or PostgreSQL with HUIYIN_TEST_DATABASE_URL): the server is killed
// mid-load and every submission it answered 201 for must be in the database afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/store/engine/db.ts';
import { openDb } from '../../../server/store/engine/open-db.ts';
import { sql } from '../../../server/store/engine/sql.ts';
import { startServer } from '../../bench/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'huiyin-kill9-'));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(dir);
});
afterAll(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});
const serverOn = () =>
  startServer({
    dbFile: database.config.HUIYIN_DB,
    ...(database.config.HUIYIN_DATABASE_URL
      ? { databaseUrl: database.config.HUIYIN_DATABASE_URL }
      : {}),
  });
/** Reads the database the dead server left, as the next one would find it. */
async function afterwards<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ ...database.config, HUIYIN_DATABASE_POOL: 2 });
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}
const receivedRefs = sql<{ ref: string }>(
  `select s.ref from submissions s
   join timeline_events e on e.submission_id = s.id and e.type = 'received'`,
);
const unsigned = sql<{ n: number }>(
  `select count(*) as n from submissions s
   where not exists (select 1 from text_signatures t where t.submission_id = s.id)`,
);

async function signUp(url: string, i: number): Promise<string> {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      login: `1370000${String(i).padStart(4, '0')}`,
      password: 'kill-nine-123',
      displayName: `压测${i}`,
    }),
  });
  if (res.status !== 201) throw new Error(`register ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * Sends submissions from many clients until the server dies; returns the references it
 * acknowledged with 201 (the only promise the API makes).
 */
async function loadUntilKilled(
  url: string,
  cookies: string[],
  kill: () => Promise<unknown>,
  /** Kill once this many were acknowledged (the load is then in full swing), whatever the machine's speed. */
  afterAcknowledged: number,
) {
  const acknowledged: string[] = [];
  let stop = false;
  const client = async (cookie: string, n: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const res = await fetch(`${url}/api/campaigns/leadership-board/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({
            title: `断电测试${n}-${i}`,
            body: `这是第${i}条用于验证断电不丢数据的留言，内容足够长以通过表单校验。`,
            regionCode: '411002',
            custom: { 'request-type': 'suggestion' },
          }),
        });
        if (res.status === 201)
          acknowledged.push(((await res.json()) as { submission: { ref: string } }).submission.ref);
      } catch {
        return; // connection refused or reset: the server is gone
      }
    }
  };
  const clients = cookies.map((c, n) => client(c, n));
  const deadline = Date.now() + 30_000;
  while (acknowledged.length < afterAcknowledged && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  await kill();
  stop = true;
  await Promise.all(clients);
  return acknowledged;
}

describe('durability', () => {
  it('keeps every acknowledged submission across kill -9 during concurrent load, cycle after cycle', async () => {
    const cycles: { acknowledged: number; found: number }[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      const server = await serverOn();
      const cookies = await Promise.all(
        Array.from({ length: 16 }, (_, i) => signUp(server.url, cycle * 100 + i)),
      );
      const acknowledged = await loadUntilKilled(
        server.url,
        cookies,
        () => server.kill('SIGKILL'),
        80 + cycle * 60,
      );
      const stored = new Set(await afterwards((db) => db.column(receivedRefs)));
      const found = acknowledged.filter((ref) => stored.has(ref)).length;
      cycles.push({ acknowledged: acknowledged.length, found });
    }
    console.log(`kill -9 cycles (acknowledged → found after restart): ${JSON.stringify(cycles)}`);
    for (const c of cycles) {
      expect(c.acknowledged).toBeGreaterThan(50);
      expect(c.found).toBe(c.acknowledged);
    }

    // The sensemaking the killed servers still owed is on disk; the next start works through it,
    // and every submission ends up with its near-duplicate signature.
    const server = await serverOn();
    try {
      let health: { sensemaking: { pending: number } } | undefined;
      for (let i = 0; i < 100; i++) {
        health = (await (await fetch(`${server.url}/api/health`)).json()) as typeof health;
        if (health!.sensemaking.pending === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(health!.sensemaking.pending).toBe(0);
    } finally {
      await server.stop();
    }
    expect(await afterwards((db) => db.value(unsigned))).toBe(0);
  }, 120_000);
});
