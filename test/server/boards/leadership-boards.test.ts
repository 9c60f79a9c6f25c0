import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { makeUser, publishedSubmission, roleUser, submit } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(); // Saturday 2026-11-21, 10:00 China time
});
afterEach(async () => {
  await t.close();
});

const detail = async (id: string) => (await t.request('GET', `/api/submissions/${id}`)).json;

async function answer(id: string, unit: string) {
  const handler = roleUser(t, 'handler', unit);
  const sent = await t.request('POST', `/api/submissions/${id}/replies`, {
    cookie: handler.cookie,
    body: {
      body: '您好，经核查，相关部门已于本周内完成排查整改，预计月底前处理完毕，请您留意后续通知。',
      office: '办公室',
      contactPhone: '0374-1234567',
    },
  });
  expect(sent.status).toBe(201);
  const reviewer = roleUser(t, 'reviewer');
  const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
  const replyId = queue.json.items.find(
    (i: { submission: { id: string } }) => i.submission.id === id,
  ).reply.id;
  const ok = await t.request('POST', `/api/replies/${replyId}/approve`, {
    cookie: reviewer.cookie,
  });
  expect(ok.status).toBe(200);
}

describe('addressees are data', () => {
  it("lists a place's leaders for the picker, and finds them by words", async () => {
    const xuchang = await t.request('GET', '/api/addressees?region=4110');
    expect(xuchang.json.items.map((a: { key: string }) => a.key).sort()).toEqual([
      'xuchang-mayor',
      'xuchang-secretary',
    ]);
    expect(xuchang.json.items[0]).toMatchObject({
      region: { code: '4110', name: '河南省 许昌市' },
      unit: { code: 'henan-xuchang' },
      retired: false,
    });
    const found = await t.request('GET', `/api/addressees?q=${encodeURIComponent('项城')}`);
    expect(found.json.items.map((a: { key: string }) => a.key).sort()).toEqual([
      'xiangcheng-mayor',
      'xiangcheng-secretary',
    ]);
  });
});

describe('writing to a leader', () => {
  it("routes a county message to a city's mayor to the county unit below the mayor", async () => {
    const sub = await publishedSubmission(t, makeUser(t), {
      regionCode: '411003', // 建安区, under 许昌市
      addressee: 'xuchang-mayor',
    });
    const d = await detail(sub.id);
    expect(d.submission.addressee).toMatchObject({
      key: 'xuchang-mayor',
      title: { 'zh-CN': '许昌市市长' },
    });
    expect(d.handling.handling.unit.code).toBe('henan-xuchang-jian-an');
  });

  it("sends a message no rule places to the addressee's own unit, not to triage", async () => {
    // 郑州 (4101) has no routing rule: without an addressee this waits for a reviewer.
    const plain = await publishedSubmission(t, makeUser(t), { regionCode: '410102' });
    expect((await detail(plain.id)).handling.handling.state).toBe('unrouted');
    const toGovernor = await publishedSubmission(t, makeUser(t), {
      regionCode: '410102',
      addressee: 'henan-governor',
    });
    const d = await detail(toGovernor.id);
    expect(d.handling.handling).toMatchObject({
      state: 'routed',
      unit: { code: 'henan-gov-office' },
    });
    expect(d.timeline.at(-1)).toMatchObject({
      type: 'routed',
      data: { addressee: 'henan-governor' },
    });
  });

  it('refuses an unknown addressee, one outside the board, and a place outside the jurisdiction', async () => {
    const author = makeUser(t);
    const post = (overrides: Record<string, unknown>) =>
      t.request('POST', '/api/campaigns/leadership-board/submissions', {
        cookie: author.cookie,
        body: {
          title: '小区暖气不热',
          body: '入冬以来暖气一直不热，屋里只有十三度，请督促热力公司排查管网。',
          regionCode: '411002',
          custom: { 'request-type': 'complaint' },
          ...overrides,
        },
      });
    const codes = async (overrides: Record<string, unknown>) => {
      const res = await post(overrides);
      return [res.status, res.json.error?.code];
    };
    expect(await codes({ addressee: 'nobody-at-all' })).toEqual([400, 'unknown_addressee']);
    // A minister is a national office: outside a board for Henan.
    expect(await codes({ addressee: 'mot-minister' })).toEqual([400, 'addressee_out_of_region']);
    // 魏都区 is in 许昌, not in 项城.
    expect(await codes({ addressee: 'xiangcheng-mayor' })).toEqual([
      400,
      'addressee_out_of_region',
    ]);
    // A call that takes no addressee says so on the field.
    const call = await t.request('POST', '/api/campaigns/two-sessions-2027/submissions', {
      cookie: author.cookie,
      body: {
        title: '建议完善托育',
        body: '建议加大普惠托育投入，让年轻家庭敢生愿养。',
        addressee: 'xuchang-mayor',
      },
    });
    expect(call.status).toBe(400);
    expect(Object.keys(call.json.error.details?.fields ?? {})).toContain('addressee');
    // Nothing was stored by any refusal.
    const mine = await t.request('GET', '/api/me/submissions', { cookie: author.cookie });
    expect(mine.json.total).toBe(0);
  });

  it('lets a reviewer correct the addressee, with a reason on the timeline', async () => {
    const sub = await submit(t, makeUser(t), { regionCode: '411003', addressee: 'xuchang-mayor' });
    const reviewer = roleUser(t, 'reviewer');
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    const refused = await t.request('POST', `/api/submissions/${sub.id}/addressee`, {
      cookie: handler.cookie,
      body: { addressee: 'jian-an-district-head', reason: '属区级事项' },
    });
    expect(refused.status).toBe(403);
    const corrected = await t.request('POST', `/api/submissions/${sub.id}/addressee`, {
      cookie: reviewer.cookie,
      body: { addressee: 'jian-an-district-head', reason: '属区级事项，由区长受理' },
    });
    expect(corrected.status).toBe(200);
    const d = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: reviewer.cookie }))
      .json;
    expect(d.submission.addressee.key).toBe('jian-an-district-head');
    expect(d.timeline.at(-1)).toMatchObject({
      type: 'addressee-changed',
      reason: '属区级事项，由区长受理',
    });
    const outside = await t.request('POST', `/api/submissions/${sub.id}/addressee`, {
      cookie: reviewer.cookie,
      body: { addressee: 'puyang-mayor', reason: '改为濮阳市长' },
    });
    expect(outside.json.error.code).toBe('addressee_out_of_region');
  });
});

describe('boards', () => {
  it("shows a leader's messages and figures; the reply rate moves when one is answered", async () => {
    const a = await publishedSubmission(t, makeUser(t), {
      regionCode: '411002',
      addressee: 'xuchang-mayor',
    });
    const b = await publishedSubmission(t, makeUser(t), {
      regionCode: '411002',
      topic: 'health',
      addressee: 'xuchang-mayor',
    });
    await publishedSubmission(t, makeUser(t), { regionCode: '411002' }); // to nobody in particular
    await refreshFigures(t.services);
    const before = (await t.request('GET', '/api/boards/addressees/xuchang-mayor')).json;
    expect(before.figures).toMatchObject({ published: 2, replied: 0, replyRate: 0 });
    expect(before.period).toEqual({ from: '2025-12', to: '2026-11' });
    expect(before.definitions.replyRate.zh).toContain('答复率');

    await answer(a.id, 'henan-xuchang-housing');
    await refreshFigures(t.services);
    const after = (await t.request('GET', '/api/boards/addressees/xuchang-mayor')).json;
    expect(after.figures).toMatchObject({ published: 2, replied: 1, replyRate: 0.5 });
    expect(after.figures.medianHoursToReply).toBe(0);

    const list = await t.request(
      'GET',
      '/api/campaigns/leadership-board/submissions?addressee=xuchang-mayor',
    );
    expect(list.json.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    const answered = await t.request(
      'GET',
      '/api/campaigns/leadership-board/submissions?addressee=xuchang-mayor&answered=1',
    );
    expect(answered.json.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(
      (await t.request('GET', '/api/campaigns/leadership-board/submissions?addressee=nobody'))
        .status,
    ).toBe(404);
  });

  it("lists a form letter's copy on the board of the leader it was written to", async () => {
    const letter = {
      title: '请尽快修复人民路破损路面',
      body: '人民路北段路面破损严重，坑洼积水，电动车和行人经过十分危险，恳请尽快修复。',
      regionCode: '411002',
    };
    const first = await publishedSubmission(t, makeUser(t), {
      ...letter,
      addressee: 'xuchang-secretary',
    });
    const second = await publishedSubmission(t, makeUser(t), {
      ...letter,
      addressee: 'xuchang-mayor',
    });
    const list = (key: string) =>
      t.request('GET', `/api/campaigns/leadership-board/submissions?addressee=${key}`);
    expect((await list('xuchang-mayor')).json.items.map((i: { id: string }) => i.id)).toEqual([
      second.id,
    ]);
    expect((await list('xuchang-secretary')).json.items.map((i: { id: string }) => i.id)).toEqual([
      first.id,
    ]);
    // The campaign's own list still gives the letter one voice.
    const all = await t.request('GET', '/api/campaigns/leadership-board/submissions');
    expect(all.json.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
  });

  it('ranks regions by reply rate and by volume, and a city board lists its leaders', async () => {
    const xuchang = [];
    for (let i = 0; i < 3; i++)
      xuchang.push(await publishedSubmission(t, makeUser(t), { regionCode: '411002' }));
    const puyang = await publishedSubmission(t, makeUser(t), { regionCode: '410902' });
    await answer(puyang.id, 'henan-puyang-housing');
    await answer(xuchang[0]!.id, 'henan-xuchang-housing');
    await refreshFigures(t.services);

    const henan = (await t.request('GET', '/api/boards/regions/41')).json;
    expect(henan.figures).toMatchObject({ published: 4, replied: 2, replyRate: 0.5 });
    // 濮阳 answered 1 of 1, 许昌 1 of 3: 濮阳 leads on reply rate, 许昌 on volume.
    expect(henan.children.map((r: { code: string }) => r.code)).toEqual(['4110', '4109']);
    expect(henan.addressees.map((a: { key: string }) => a.key).sort()).toEqual([
      'henan-governor',
      'henan-secretary',
    ]);

    const city = (await t.request('GET', '/api/boards/regions/4110')).json;
    expect(city.region).toMatchObject({ name: '许昌市', parent: { code: '41' } });
    expect(city.figures).toMatchObject({ published: 3, replied: 1 });
    expect(city.addressees.map((a: { key: string }) => a.key).sort()).toEqual([
      'xuchang-mayor',
      'xuchang-secretary',
    ]);

    const overview = (await t.request('GET', '/api/boards')).json;
    expect(overview.byVolume.map((r: { code: string }) => r.code)).toEqual(['41']);
    expect(overview.byVolume[0].figures).toMatchObject({ published: 4, replied: 2 });
    expect((await t.request('GET', '/api/boards/regions/4199')).status).toBe(404);
    expect((await t.request('GET', '/api/boards?from=2026-13')).status).toBe(400);
  });
});
