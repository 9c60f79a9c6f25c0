import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { hour, insertSubmission, monday, scenario } from './fixture.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: monday + 10 * 24 * hour });
  await scenario(t);
  await refreshFigures(t.services);
});
afterEach(() => t.close());

describe('GET /api/figures (public)', () => {
  it('answers the platform and a campaign with the snapshot time and definitions', async () => {
    const all = await t.request('GET', '/api/figures?granularity=day');
    expect(all.status).toBe(200);
    expect(all.json.snapshot.takenAt).toBe(monday + 10 * 24 * hour);
    expect(all.json.headline).toMatchObject({ received: 6, published: 4, replyRate: 0.75 });
    expect(all.json.definitions.replyRate.zh).toContain('答复率');
    const other = await t.request('GET', '/api/figures?campaign=two-sessions-2027');
    expect(other.json.headline.received).toBe(0);
  });

  it('hides region × topic counts below 5 (and their complements) in public figures', async () => {
    const res = await t.request('GET', '/api/figures?campaign=leadership-board');
    const m = res.json.regions.matrix;
    // Henan has 2 + 1 + 1 published: every cell, its total and the grand total are small.
    expect(m.rows[0].cells).toEqual([null, null, null]);
    expect(m.rows[0].total).toBeNull();
    expect(res.json.regions.items[0]).toMatchObject({ key: '41', published: null, figures: null });
    expect(res.json.topics.every((x: { published: unknown }) => x.published === null)).toBe(true);
  });

  it('shows a county that has enough, while its small neighbour and a complement stay hidden', async () => {
    for (let i = 0; i < 6; i++)
      await insertSubmission(t, { createdAt: monday + i * hour, region: '411002' });
    for (let i = 0; i < 7; i++)
      await insertSubmission(t, {
        createdAt: monday + i * hour,
        region: '411081',
        topic: 'labour-social-security',
      });
    await refreshFigures(t.services);
    const res = await t.request('GET', '/api/figures?campaign=leadership-board&region=4110');
    const rows = Object.fromEntries(
      res.json.regions.matrix.rows.map((r: { key: string; total: number | null }) => [
        r.key,
        r.total,
      ]),
    );
    expect(rows['411002']).toBe(8);
    expect(rows['411081']).toBe(8);
  });

  it('rejects bad input with stable codes', async () => {
    expect((await t.request('GET', '/api/figures?campaign=nope')).json.error.code).toBe(
      'not_found',
    );
    expect((await t.request('GET', '/api/figures?region=99')).json.error.code).toBe('not_found');
    const bad = await t.request('GET', '/api/figures?from=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect((await t.request('GET', '/api/figures?from=2026-11&to=2026-01')).status).toBe(400);
    expect((await t.request('GET', '/api/figures?granularity=year')).status).toBe(400);
  });
});

describe('GET /api/dashboard (owners)', () => {
  it('an owner sees only their organisation’s campaigns, unsuppressed, with the unit league and overdue matters', async () => {
    const owner = roleUser(t, 'owner', 'huiyin');
    const res = await t.request('GET', '/api/dashboard?campaign=leadership-board', {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.json.figures.regions.items[0]).toMatchObject({ key: '41', published: 4 });
    expect(res.json.league[0]).toMatchObject({
      unit: { code: 'henan-xuchang-housing' },
      assigned: 2,
      replied: 2,
      onTime: 1,
      returned: 1,
    });
    const mee = roleUser(t, 'owner', 'mee');
    const mine = await t.request('GET', '/api/dashboard', { cookie: mee.cookie });
    expect(mine.json.campaigns.map((c: { slug: string }) => c.slug)).toEqual([
      'rural-environment-2026',
    ]);
    expect(mine.json.figures.headline.received).toBe(0);
    const theirs = await t.request('GET', '/api/dashboard?campaign=leadership-board', {
      cookie: mee.cookie,
    });
    expect(theirs.status).toBe(403);
    expect(theirs.json.error.code).toBe('forbidden');
  });

  it('refuses netizens and anonymous readers', async () => {
    expect((await t.request('GET', '/api/dashboard')).status).toBe(401);
    const netizen = roleUser(t, 'netizen');
    expect((await t.request('GET', '/api/dashboard', { cookie: netizen.cookie })).status).toBe(403);
    expect(
      (await t.request('POST', '/api/figures/refresh', { cookie: netizen.cookie, body: {} }))
        .status,
    ).toBe(403);
  });
});

describe('GET /api/campaigns/:slug/report', () => {
  it('is a printable page for the owner, with definitions, the snapshot time and escaped text', async () => {
    const owner = roleUser(t, 'owner', 'huiyin');
    await t.settle();
    const res = await t.app.request('/api/campaigns/leadership-board/report', {
      headers: { cookie: owner.cookie },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('数据截至');
    expect(html).toContain('答复率 = 已答复 ÷ 公开');
    expect(html).toContain('加快老旧小区供热管网改造');
    expect(html).toContain('许昌市住房和城乡建设局');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const pdf = await t.app.request('/api/campaigns/leadership-board/report?format=pdf', {
      headers: { cookie: owner.cookie },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const mee = roleUser(t, 'owner', 'mee');
    const denied = await t.request('GET', '/api/campaigns/leadership-board/report', {
      cookie: mee.cookie,
    });
    expect(denied.status).toBe(403);
  });
});
