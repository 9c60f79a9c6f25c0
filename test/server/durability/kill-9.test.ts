import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../bench/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'huiyin-kill9-'));
const dbFile = join(dir, 'huiyin.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  afterMs: number,
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
  await new Promise((r) => setTimeout(r, afterMs));
  await kill();
  stop = true;
  await Promise.all(clients);
  return acknowledged;
}

describe('durability', () => {
  it('keeps every acknowledged submission across kill -9 during concurrent load, cycle after cycle', async () => {
    const cycles: { acknowledged: number; found: number }[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      const server = await startServer({ dbFile });
      const cookies = await Promise.all(
        Array.from({ length: 16 }, (_, i) => signUp(server.url, cycle * 100 + i)),
      );
      const acknowledged = await loadUntilKilled(
        server.url,
        cookies,
        () => server.kill('SIGKILL'),
        800 + cycle * 300,
      );
      const db = new Database(dbFile, { readonly: true });
      const has = db
        .prepare(
          "select count(*) from submissions s join timeline_events e on e.submission_id = s.id and e.type = 'received' where s.ref = ?",
        )
        .pluck();
      const found = acknowledged.filter((ref) => has.get(ref) === 1).length;
      db.close();
      cycles.push({ acknowledged: acknowledged.length, found });
    }
    console.log(`kill -9 cycles (acknowledged → found after restart): ${JSON.stringify(cycles)}`);
    for (const c of cycles) {
      expect(c.acknowledged).toBeGreaterThan(50);
      expect(c.found).toBe(c.acknowledged);
    }

    // The sensemaking the killed servers still owed is on disk; the next start works through it,
    // and every submission ends up with its near-duplicate signature.
    const server = await startServer({ dbFile });
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
    const db = new Database(dbFile, { readonly: true });
    const unsigned = db
      .prepare(
        'select count(*) from submissions s where not exists (select 1 from text_signatures t where t.submission_id = s.id)',
      )
      .pluck()
      .get();
    db.close();
    expect(unsigned).toBe(0);
  }, 120_000);
});
