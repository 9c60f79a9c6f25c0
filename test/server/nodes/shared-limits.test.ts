// Rate limits and sign-in lockouts are counted in the database, so a second app node on the same
// database, or the same node after a restart, sees the same windows (issue "Beyond one machine").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, messageInput } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { otherNode } from '../../support/other-node.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
const closers: (() => Promise<void>)[] = [];
const startNode = async () => {
  const node = await otherNode(t);
  closers.push(() => node.close());
  return (path: string, body: unknown, cookie = '') => node.request('POST', path, { body, cookie });
};
beforeEach(async () => {
  t = await createTestApp({
    config: { HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '5', HUIYIN_SUBMIT_PER_IP_PER_HOUR: '0' },
  });
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await t.close();
});

const login = (password: string) => ({ login: '13911116666', password });

describe('limits shared by every node', () => {
  it('keeps an account locked after wrong passwords on another node and after a restart', async () => {
    await t.request('POST', '/api/auth/register', {
      body: { ...login('secret-pass-1'), displayName: '乙' },
    });
    for (let i = 0; i < 5; i++)
      await t.request('POST', '/api/auth/login', { body: login(`wrong-pass-${i}`) });

    const restarted = await startNode();
    const locked = await restarted('/api/auth/login', login('secret-pass-1'));
    expect([locked.status, locked.json.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);

    t.clock.current += 16 * 60_000;
    expect((await restarted('/api/auth/login', login('secret-pass-1'))).status).toBe(200);
  });

  it('accepts exactly the per-account limit when one author submits to two nodes at once', async () => {
    const author = makeUser(t);
    const other = await startNode();
    const path = '/api/campaigns/leadership-board/submissions';
    await t.settle();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? t.request('POST', path, { cookie: author.cookie, body: messageInput() })
          : other(path, messageInput(), author.cookie),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(await query(t).value<number>('select count(*) from submissions')).toBe(5);
  });

  it('forgets ended windows when swept, and a new window starts counting afresh', async () => {
    const author = makeUser(t);
    const path = '/api/campaigns/leadership-board/submissions';
    for (let i = 0; i < 5; i++)
      await t.request('POST', path, { cookie: author.cookie, body: messageInput() });
    expect(
      (await t.request('POST', path, { cookie: author.cookie, body: messageInput() })).status,
    ).toBe(429);
    t.clock.current += 61 * 60_000;
    expect(await t.store.rateLimits.sweep(t.clock.now())).toBe(1);
    expect(await query(t).value<number>('select count(*) from rate_limits')).toBe(0);
    expect(
      (await t.request('POST', path, { cookie: author.cookie, body: messageInput() })).status,
    ).toBe(201);
  });
});
