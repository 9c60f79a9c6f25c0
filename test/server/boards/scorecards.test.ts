import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(); // Saturday 2026-11-21, 10:00 China time
});
afterEach(async () => {
  await t.close();
});

const replyBody = {
  body: '您好，经核查，相关部门已于本周内完成排查整改，预计月底前处理完毕，请您留意后续通知。',
  office: '办公室',
  contactPhone: '0374-1234567',
};

async function sendReply(id: string, unit: string) {
  const res = await t.request('POST', `/api/submissions/${id}/replies`, {
    cookie: roleUser(t, 'handler', unit).cookie,
    body: replyBody,
  });
  expect(res.status).toBe(201);
}

async function review(id: string, verdict: 'approve' | 'return') {
  const reviewer = roleUser(t, 'reviewer');
  const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
  const replyId = queue.json.items.find(
    (i: { submission: { id: string } }) => i.submission.id === id,
  ).reply.id;
  const res = await t.request('POST', `/api/replies/${replyId}/${verdict}`, {
    cookie: reviewer.cookie,
    ...(verdict === 'return'
      ? { body: { reason: 'perfunctory', note: '未回应群众诉求，请核实后答复' } }
      : {}),
  });
  expect(res.status).toBe(200);
}

describe('monthly scorecards', () => {
  it('count each unit and leader by the month’s messages, on small hand-checked data', async () => {
    const authorA = makeUser(t);
    // A: to the mayor, housing answers on time, rated 满意.
    const a = await publishedSubmission(t, authorA, {
      regionCode: '411002',
      addressee: 'xuchang-mayor',
    });
    await sendReply(a.id, 'henan-xuchang-housing');
    await review(a.id, 'approve');
    await t.request('POST', `/api/submissions/${a.id}/rating`, {
      cookie: authorA.cookie,
      body: { value: 'satisfied' },
    });
    // B: to the mayor, labour: the reply is returned as perfunctory, then nothing.
    const b = await publishedSubmission(t, makeUser(t), {
      regionCode: '411002',
      topic: 'labour-social-security',
      addressee: 'xuchang-mayor',
    });
    await sendReply(b.id, 'henan-xuchang-hrss');
    await review(b.id, 'return');
    // C: to nobody in particular, housing answers.
    const c = await publishedSubmission(t, makeUser(t), { regionCode: '411002' });
    await sendReply(c.id, 'henan-xuchang-housing');
    await review(c.id, 'approve');

    // Right after, nothing is past its due date yet.
    const before = (await t.request('GET', '/api/scorecards?month=2026-11')).json;
    expect(
      before.units.find((u: { unit: { code: string } }) => u.unit.code === 'henan-xuchang-hrss')
        .overdueNow,
    ).toBe(0);

    t.clock.current = Date.parse('2026-12-20T09:00:00+08:00');
    const cards = (await t.request('GET', '/api/scorecards?month=2026-11')).json;
    const unit = (code: string) =>
      cards.units.find((u: { unit: { code: string } }) => u.unit.code === code);
    expect(unit('henan-xuchang-housing')).toMatchObject({
      received: 2,
      answered: 2,
      answerRate: 1,
      onTime: 2,
      onTimeRate: 1,
      satisfactionRate: 1,
      returned: 0,
      overdueNow: 0,
    });
    expect(unit('henan-xuchang-hrss')).toMatchObject({
      received: 1,
      answered: 0,
      answerRate: 0,
      onTimeRate: null,
      returned: 1,
      overdueNow: 1,
    });
    expect(cards.addressees).toHaveLength(1);
    expect(cards.addressees[0]).toMatchObject({
      addressee: { key: 'xuchang-mayor' },
      received: 2,
      answered: 1,
      answerRate: 0.5,
      onTime: 1,
      satisfactionRate: 1,
      returned: 1,
      overdueNow: 1,
    });
    expect(cards.definitions.answerRate.zh).toContain('答复率');
    // December's cohort is empty but B is still overdue now.
    const december = (await t.request('GET', '/api/scorecards?month=2026-12')).json;
    expect(december.units).toMatchObject([
      { unit: { code: 'henan-xuchang-hrss' }, received: 0, overdueNow: 1 },
    ]);
    expect((await t.request('GET', '/api/scorecards?month=2026-13')).status).toBe(400);

    // As open data: the same figures, month by month.
    const owner = roleUser(t, 'owner', 'huiyin');
    const csv = await t.request(
      'GET',
      '/api/campaigns/leadership-board/exports/scorecards?format=csv&from=2026-11-01&to=2026-11-30',
      { cookie: owner.cookie },
    );
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('2026-11,addressee,xuchang-mayor,许昌市市长,2,1,0.5,1,1,1,1,1');
  });
});

describe('alarms', () => {
  it('lists overdue units and boards silent for two months, to reviewers and the owners concerned', async () => {
    const xuchang = await publishedSubmission(t, makeUser(t), { regionCode: '411002' });
    await publishedSubmission(t, makeUser(t), {
      regionCode: '410902',
      addressee: 'puyang-mayor',
    });
    t.clock.current = Date.parse('2027-01-25T09:00:00+08:00');
    const reviewer = roleUser(t, 'reviewer');
    const all = (await t.request('GET', '/api/scorecards/alarms', { cookie: reviewer.cookie }))
      .json;
    expect(all.overdueUnits.map((u: { unit: { code: string } }) => u.unit.code).sort()).toEqual([
      'henan-puyang-housing',
      'henan-xuchang-housing',
    ]);
    expect(all.silentBoards.map((b: { addressee: { key: string } }) => b.addressee.key)).toEqual([
      'puyang-mayor',
    ]);
    expect(all.definitions.silentBoard.zh).toContain('60');

    const puyangOwner = roleUser(t, 'owner', 'henan-puyang');
    const mine = (await t.request('GET', '/api/scorecards/alarms', { cookie: puyangOwner.cookie }))
      .json;
    expect(mine.overdueUnits.map((u: { unit: { code: string } }) => u.unit.code)).toEqual([
      'henan-puyang-housing',
    ]);
    expect(mine.silentBoards).toHaveLength(1);
    const netizen = makeUser(t);
    expect(
      (await t.request('GET', '/api/scorecards/alarms', { cookie: netizen.cookie })).status,
    ).toBe(403);
    expect((await t.request('GET', '/api/scorecards/alarms')).status).toBe(401);
    expect(xuchang.id).toBeTruthy();
  });
});
