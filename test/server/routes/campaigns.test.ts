import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/test-database.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { makeUser, probe, roleUser } from '../../support/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** A console campaign for Xuchang's housing bureau, derived from a seeded file. */
function consoleDefinition(overrides: Record<string, unknown> = {}) {
  const def = parse(
    readFileSync('campaigns/rural-environment-2026.campaign.yaml', 'utf8'),
  ) as Record<string, unknown>;
  return {
    ...def,
    slug: 'xuchang-old-estates',
    refPrefix: 'XC',
    owner: 'henan-xuchang',
    title: { 'zh-CN': `老旧小区改造问计于民${probe}`, en: 'Old estates renovation' },
    ...overrides,
  };
}

describe('campaigns', () => {
  it('lists the open campaigns with phase, closing date and counts', async () => {
    const res = await t.request('GET', '/api/campaigns');
    expect(res.status).toBe(200);
    const bySlug = Object.fromEntries(res.json.items.map((c: { slug: string }) => [c.slug, c]));
    expect(Object.keys(bySlug).sort()).toEqual([
      'fifteenth-five-year-plan',
      'leadership-board',
      'rural-environment-2026',
      'two-sessions-2027',
    ]);
    expect(bySlug['leadership-board']).toMatchObject({
      acceptsSubmissions: true,
      closesOn: null,
      owner: { code: 'huiyin' },
    });
    expect(bySlug['two-sessions-2027']).toMatchObject({
      acceptsSubmissions: true,
      closesOn: '2027-02-28',
      nextPhase: { starts: '2027-03-01' },
    });
  });

  it('drops a campaign from the open list once its last phase is over', async () => {
    t.clock.current = Date.parse('2027-07-01T10:00:00+08:00');
    const open = await t.request('GET', '/api/campaigns');
    expect(open.json.items.map((c: { slug: string }) => c.slug)).not.toContain(
      'fifteenth-five-year-plan',
    );
    const all = await t.request('GET', '/api/campaigns?state=all');
    expect(all.json.items.map((c: { slug: string }) => c.slug)).toContain(
      'fifteenth-five-year-plan',
    );
  });

  it('shows one campaign with topics, form and policy documents; 404 for an unknown slug', async () => {
    const res = await t.request('GET', '/api/campaigns/rural-environment-2026');
    expect(res.json.campaign.topics.length).toBeGreaterThan(3);
    expect(res.json.campaign.form.fields.length).toBeGreaterThan(0);
    expect(res.json.campaign).toMatchObject({
      source: 'file',
      sourceFile: 'rural-environment-2026.campaign.yaml',
      canEdit: false,
    });
    expect((await t.request('GET', '/api/campaigns/nope')).json.error.code).toBe('not_found');
  });

  it('lets an owner create a campaign in the console and edit it; netizens can then submit', async () => {
    const owner = roleUser(t, 'owner', 'henan-xuchang');
    const created = await t.request('POST', '/api/campaigns', {
      cookie: owner.cookie,
      body: { definition: consoleDefinition() },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json.campaign).toMatchObject({
      slug: 'xuchang-old-estates',
      source: 'console',
      canEdit: true,
    });

    const edited = await t.request('PUT', '/api/campaigns/xuchang-old-estates', {
      cookie: owner.cookie,
      body: { definition: consoleDefinition({ summary: { 'zh-CN': '改造哪里，听你的' } }) },
    });
    expect(edited.json.campaign.summary['zh-CN']).toBe('改造哪里，听你的');
    const definition = await t.request('GET', '/api/campaigns/xuchang-old-estates/definition', {
      cookie: owner.cookie,
    });
    expect(definition.json).toMatchObject({ source: 'console', definition: { refPrefix: 'XC' } });

    const topic = created.json.campaign.topics[0].key;
    const field = created.json.campaign.form.fields[0];
    const sub = await t.request('POST', '/api/campaigns/xuchang-old-estates/submissions', {
      cookie: makeUser(t).cookie,
      body: {
        title: '加装电梯',
        body: '建议老旧小区改造时统一加装电梯，方便老人出行，费用分摊办法要公开。',
        regionCode: '411002',
        topic,
        custom: { [field.key]: field.options[0].value },
      },
    });
    expect(sub.status, JSON.stringify(sub.json)).toBe(201);
    expect(sub.json.submission.ref).toMatch(/^XC-2026-000001$/);
  });

  it('reports an invalid definition by field path and stores nothing', async () => {
    const owner = roleUser(t, 'owner', 'henan-xuchang');
    const res = await t.request('POST', '/api/campaigns', {
      cookie: owner.cookie,
      body: { definition: consoleDefinition({ refPrefix: 'x1', phases: [] }) },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error.details.fields)).toEqual(
      expect.arrayContaining(['refPrefix', 'phases']),
    );
    expect((await t.request('GET', '/api/campaigns/xuchang-old-estates')).status).toBe(404);
  });

  it('refuses a slug or prefix already in use', async () => {
    const owner = roleUser(t, 'owner', 'huiyin');
    const res = await t.request('POST', '/api/campaigns', {
      cookie: owner.cookie,
      body: { definition: consoleDefinition({ refPrefix: 'LB' }) },
    });
    expect([res.status, res.json.error.code]).toEqual([409, 'slug_taken']);
  });

  it("refuses netizens, other organisations' owners, and console edits of file campaigns", async () => {
    const body = { definition: consoleDefinition() };
    expect((await t.request('POST', '/api/campaigns', { body })).status).toBe(401);
    expect(
      (await t.request('POST', '/api/campaigns', { cookie: makeUser(t).cookie, body })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', '/api/campaigns', { cookie: roleUser(t, 'reviewer').cookie, body }))
        .status,
    ).toBe(403);
    const ministryOwner = roleUser(t, 'owner', 'mee');
    expect(
      (await t.request('POST', '/api/campaigns', { cookie: ministryOwner.cookie, body })).status,
    ).toBe(403);
    expect(
      (
        await t.request('GET', '/api/campaigns/leadership-board/definition', {
          cookie: ministryOwner.cookie,
        })
      ).status,
    ).toBe(403);

    const rural = (
      await t.request('GET', '/api/campaigns/rural-environment-2026/definition', {
        cookie: ministryOwner.cookie,
      })
    ).json.definition;
    const put = await t.request('PUT', '/api/campaigns/rural-environment-2026', {
      cookie: ministryOwner.cookie,
      body: { definition: rural },
    });
    expect([put.status, put.json.error.code]).toEqual([409, 'managed_by_file']);
  });
});

describe('regions and health', () => {
  it('walks the division tree one level at a time', async () => {
    const provinces = await t.request('GET', '/api/regions');
    expect(provinces.json.items).toContainEqual({ code: '41', name: '河南省', hasChildren: true });
    const cities = await t.request('GET', '/api/regions?parent=41');
    expect(cities.json.items).toContainEqual({ code: '4110', name: '许昌市', hasChildren: true });
    const counties = await t.request('GET', '/api/regions?parent=4110');
    expect(counties.json.items).toContainEqual({
      code: '411003',
      name: '建安区',
      hasChildren: false,
    });
    expect((await t.request('GET', '/api/regions?parent=99')).status).toBe(404);
    expect((await t.request('GET', '/api/regions?parent=abc')).json.error.code).toBe(
      'validation_failed',
    );
  });

  it('reports health and answers unknown API routes with the error shape', async () => {
    expect((await t.request('GET', '/api/health')).json).toMatchObject({ status: 'ok', db: 'ok' });
    expect((await t.request('GET', '/api/ready')).json).toEqual({
      ready: true,
      node: expect.stringMatching(/:\d+$/),
      engine: testEngine,
      leading: true,
      primary: 'writable',
      campaigns: 4,
    });
    t.services.state.ready = false;
    expect((await t.request('GET', '/api/ready')).status).toBe(503);
    const missing = await t.request('GET', '/api/nope');
    expect([missing.status, missing.json.error.code]).toEqual([404, 'not_found']);
  });

  it('publishes an OpenAPI document covering every API route the app serves', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} /api${path}`),
    );
    const served = t.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'))
      .filter((r) => r.path !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(served).size).toBeGreaterThan(30);
    expect([...new Set(documented)].sort()).toEqual([...new Set(served)].sort());
  });
});
