import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkOf } from '../../../server/trust/network.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  // Behind a proxy, so each test request can say which address it comes from.
  t = await createTestApp({ config: { HUIYIN_TRUST_PROXY: '1', HUIYIN_SUPPORT_BURST_COUNT: '5' } });
});
afterEach(() => t.close());

const support = (id: string, ip: string) =>
  t.request('POST', `/api/submissions/${id}/support`, {
    cookie: makeUser(t).cookie,
    headers: { 'x-forwarded-for': ip },
  });

describe('support bursts', () => {
  it('groups addresses by IPv4 /24 and IPv6 /64', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });

  it('flags many supports from one network in a short window, with figures, and a reviewer can discount them', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    for (let i = 1; i <= 3; i++)
      expect((await support(sub.id, `198.51.100.${i}`)).status).toBe(200);
    for (let i = 1; i <= 6; i++)
      expect((await support(sub.id, `203.0.113.${i % 2}`)).status).toBe(200);
    const reviewer = roleUser(t, 'reviewer');
    const flags = await t.request('GET', '/api/moderation/support-flags', {
      cookie: reviewer.cookie,
    });
    expect(flags.json.items).toHaveLength(1);
    expect(flags.json.items[0]).toMatchObject({
      submissionId: sub.id,
      network: '203.0.113.0/24',
      supportCount: 9,
      fromNetwork: 6,
      addresses: 2,
      share: 66.7,
    });
    const netizen = makeUser(t);
    expect(
      (await t.request('GET', '/api/moderation/support-flags', { cookie: netizen.cookie })).status,
    ).toBe(403);
    const id = flags.json.items[0].id as number;
    const decided = await t.request('POST', `/api/support-flags/${id}/decision`, {
      cookie: reviewer.cookie,
      body: { action: 'discount' },
    });
    expect(decided.json).toEqual({ discounted: 6, supportCount: 3 });
    // The public figure is the honest one.
    expect(
      (await t.request('GET', `/api/submissions/${sub.id}`)).json.submission.supportCount,
    ).toBe(3);
    const twice = await t.request('POST', `/api/support-flags/${id}/decision`, {
      cookie: reviewer.cookie,
      body: { action: 'discount' },
    });
    expect(twice.json.error.code).toBe('invalid_transition');
    // On the timeline: who (named to staff, a role to the public), when, how many.
    t.clock.current += 1000;
    const publicLast = (await t.request('GET', `/api/submissions/${sub.id}`)).json.timeline.at(-1);
    expect(publicLast).toMatchObject({
      type: 'supports-discounted',
      actor: { role: 'reviewer' },
      data: { discounted: 6, supportCount: 3 },
    });
    expect(publicLast.actor.name).toBeUndefined();
    expect(publicLast.at).toBe(t.clock.current - 1000);
    const staffLast = (
      await t.request('GET', `/api/submissions/${sub.id}`, { cookie: reviewer.cookie })
    ).json.timeline.at(-1);
    expect(staffLast.actor.name).toBe(reviewer.displayName);
  });

  it('does not flag supports spread over time, and a cleared flag changes no count', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    for (let i = 0; i < 6; i++) {
      await support(sub.id, '192.0.2.10');
      t.clock.current += 3 * 60_000; // one every three minutes: never five within ten
    }
    const reviewer = roleUser(t, 'reviewer');
    expect(
      (await t.request('GET', '/api/moderation/support-flags', { cookie: reviewer.cookie })).json
        .items,
    ).toEqual([]);
    for (let i = 0; i < 5; i++) await support(sub.id, '192.0.2.11');
    const [flag] = (
      await t.request('GET', '/api/moderation/support-flags', { cookie: reviewer.cookie })
    ).json.items;
    const cleared = await t.request('POST', `/api/support-flags/${flag.id}/decision`, {
      cookie: reviewer.cookie,
      body: { action: 'clear' },
    });
    expect(cleared.json).toEqual({ discounted: 0, supportCount: 11 });
    const timeline = (await t.request('GET', `/api/submissions/${sub.id}`)).json.timeline;
    expect(timeline.at(-1)).toMatchObject({
      type: 'support-burst-cleared',
      actor: { role: 'reviewer' },
      data: { discounted: 0, supportCount: 11 },
    });
  });
});

describe('rate limits on support and search', () => {
  it('limits supports per account and per network with 429 and Retry-After', async () => {
    await t.close();
    t = await createTestApp({
      config: {
        HUIYIN_TRUST_PROXY: '1',
        HUIYIN_SUPPORT_PER_ACCOUNT_PER_HOUR: '2',
        HUIYIN_SUPPORT_PER_IP_PER_HOUR: '3',
      },
    });
    const subs = [];
    for (let i = 0; i < 4; i++) subs.push(await publishedSubmission(t, makeUser(t)));
    const fan = makeUser(t);
    const as = (id: string, ip: string, cookie = fan.cookie) =>
      t.request('POST', `/api/submissions/${id}/support`, {
        cookie,
        headers: { 'x-forwarded-for': ip },
      });
    expect((await as(subs[0]!.id, '10.0.0.1')).status).toBe(200);
    expect((await as(subs[1]!.id, '10.0.0.2')).status).toBe(200);
    const third = await as(subs[2]!.id, '10.0.0.3');
    expect([third.status, third.json.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // Per network: three accounts from one address, the fourth is refused.
    for (let i = 0; i < 3; i++)
      expect((await as(subs[3]!.id, '10.9.9.9', makeUser(t).cookie)).status).toBe(200);
    expect((await as(subs[3]!.id, '10.9.9.9', makeUser(t).cookie)).status).toBe(429);
    expect(
      (await t.request('GET', `/api/submissions/${subs[3]!.id}`)).json.submission.supportCount,
    ).toBe(3);
  });

  it('limits searches per address per minute', async () => {
    await t.close();
    t = await createTestApp({ config: { HUIYIN_SEARCH_PER_IP_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++)
      expect((await t.request('GET', '/api/search?q=暖气')).status).toBe(200);
    const limited = await t.request('GET', '/api/search?q=暖气');
    expect([limited.status, limited.json.error.code]).toEqual([429, 'rate_limited']);
    t.clock.current += 60_000;
    expect((await t.request('GET', '/api/search?q=暖气')).status).toBe(200);
  });
});
