import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../../../server/handling/escalate-overdue.ts';
import { makeUser, publishedSubmission, roleUser, type TestUser } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(); // Saturday 2026-11-21, 10:00 China time
});
afterEach(async () => {
  await t.close();
});

const endOfChinaDay = (day: string) => Date.parse(`${day}T23:59:59.999+08:00`);

async function detail(id: string, user?: TestUser) {
  return (await t.request('GET', `/api/submissions/${id}`, user ? { cookie: user.cookie } : {}))
    .json;
}

async function reply(
  handler: TestUser,
  id: string,
  body = '您好，经核查，热力公司已于本周内完成管网排查并提高供水温度，预计12月1日前恢复正常供暖。联系人：王科长。',
) {
  return t.request('POST', `/api/submissions/${id}/replies`, {
    cookie: handler.cookie,
    body: { body, office: '许昌市住房和城乡建设局供热科', contactPhone: '0374-1234567' },
  });
}

async function pendingReplyId(reviewer: TestUser) {
  const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
  return queue.json.items[0].reply.id as string;
}

describe('routing', () => {
  it('routes a published message to the unit of the most specific rule, due in 15 working days', async () => {
    const author = makeUser(t);
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    const sub = await publishedSubmission(t, author); // urban construction, 魏都区 411002
    const d = await detail(sub.id);
    expect(d.handling.handling).toMatchObject({
      state: 'routed',
      unit: { code: 'henan-xuchang-housing' },
      urgency: 'normal',
      dueAt: endOfChinaDay('2026-12-11'), // Mon 23 Nov is the 1st working day, Fri 11 Dec the 15th
    });
    expect(d.timeline.at(-1)).toMatchObject({
      type: 'routed',
      data: { unit: '许昌市住房和城乡建设局' },
    });

    const inbox = await t.request('GET', '/api/handling/inbox', { cookie: handler.cookie });
    expect(inbox.json.items.map((i: { submission: { id: string } }) => i.submission.id)).toEqual([
      sub.id,
    ]);
    const other = roleUser(t, 'handler', 'henan-xuchang-hrss');
    expect(
      (await t.request('GET', '/api/handling/inbox', { cookie: other.cookie })).json.total,
    ).toBe(0);
    const notes = await t.request('GET', '/api/notifications', { cookie: handler.cookie });
    expect(notes.json).toMatchObject({
      unread: 1,
      items: [{ type: 'routed', submissionId: sub.id }],
    });
  });

  it('prefers a topic rule for the county over the county-wide rule, and that over the city', async () => {
    const author = makeUser(t);
    const wages = await publishedSubmission(t, author, {
      topic: 'labour-social-security',
      regionCode: '411681',
    });
    const trees = await publishedSubmission(t, author, {
      topic: 'environment',
      regionCode: '411681',
    });
    expect((await detail(wages.id)).handling.handling.unit.code).toBe(
      'henan-zhoukou-xiangcheng-hrss',
    );
    expect((await detail(trees.id)).handling.handling.unit.code).toBe('henan-zhoukou-xiangcheng');
  });

  it('marks wage arrears urgent (3 working days) and lets a reviewer change urgency with a reason', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author, {
      title: '工地拖欠工资一年未结',
      topic: 'labour-social-security',
      regionCode: '411681',
    });
    expect((await detail(sub.id)).handling.handling).toMatchObject({
      urgency: 'urgent',
      dueAt: endOfChinaDay('2026-11-25'),
    });
    const reviewer = roleUser(t, 'reviewer');
    const noReason = await t.request('POST', `/api/submissions/${sub.id}/urgency`, {
      cookie: reviewer.cookie,
      body: { urgency: 'normal', reason: '' },
    });
    expect([noReason.status, noReason.json.error.code]).toEqual([400, 'validation_failed']);
    const lowered = await t.request('POST', `/api/submissions/${sub.id}/urgency`, {
      cookie: reviewer.cookie,
      body: { urgency: 'normal', reason: '已协商分期支付' },
    });
    expect(lowered.json.handling).toMatchObject({
      urgency: 'normal',
      dueAt: endOfChinaDay('2026-12-11'),
    });
    const handler = roleUser(t, 'handler', 'henan-zhoukou-xiangcheng-hrss');
    expect(
      (
        await t.request('POST', `/api/submissions/${sub.id}/urgency`, {
          cookie: handler.cookie,
          body: { urgency: 'urgent', reason: '紧急' },
        })
      ).status,
    ).toBe(403);
  });

  it('sends a message no rule matches to triage, where a reviewer assigns a unit', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author, { regionCode: '411302', topic: 'other' }); // 南阳: no rule
    const reviewer = roleUser(t, 'reviewer');
    const triage = await t.request('GET', '/api/handling/triage', { cookie: reviewer.cookie });
    expect(triage.json.items.map((i: { submission: { id: string } }) => i.submission.id)).toEqual([
      sub.id,
    ]);
    const assigned = await t.request('POST', `/api/submissions/${sub.id}/assign`, {
      cookie: reviewer.cookie,
      body: { unit: 'henan-gov-office', reason: '南阳市尚未入驻' },
    });
    expect(assigned.json.handling).toMatchObject({
      state: 'routed',
      unit: { code: 'henan-gov-office' },
    });
    expect(
      (await t.request('GET', '/api/handling/triage', { cookie: reviewer.cookie })).json.total,
    ).toBe(0);
    const netizen = makeUser(t);
    expect(
      (
        await t.request('POST', `/api/submissions/${sub.id}/assign`, {
          cookie: netizen.cookie,
          body: { unit: 'henan' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('replies, review and rating', () => {
  it('walks a message from reply to approval to a satisfied rating, closing it', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    expect((await reply(handler, sub.id)).status).toBe(201);
    // Nothing is public before review.
    expect((await detail(sub.id)).handling.answers).toEqual([]);
    expect((await detail(sub.id)).handling.handling.state).toBe('replied');

    const reviewer = roleUser(t, 'reviewer');
    const replyId = await pendingReplyId(reviewer);
    expect(
      (await t.request('POST', `/api/replies/${replyId}/approve`, { cookie: reviewer.cookie }))
        .status,
    ).toBe(200);
    const twice = await t.request('POST', `/api/replies/${replyId}/approve`, {
      cookie: reviewer.cookie,
    });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'invalid_transition']);

    const pub = await detail(sub.id);
    expect(pub.submission.status).toBe('answered');
    expect(pub.handling.answers).toMatchObject([
      { office: '许昌市住房和城乡建设局供热科', unit: { code: 'henan-xuchang-housing' } },
    ]);
    const authorNotes = await t.request('GET', '/api/notifications', { cookie: author.cookie });
    expect(authorNotes.json.items.map((n: { type: string }) => n.type)).toContain('replied');

    const stranger = makeUser(t);
    const notMine = await t.request('POST', `/api/submissions/${sub.id}/rating`, {
      cookie: stranger.cookie,
      body: { value: 'satisfied' },
    });
    expect(notMine.status).toBe(403);
    const rated = await t.request('POST', `/api/submissions/${sub.id}/rating`, {
      cookie: author.cookie,
      body: { value: 'satisfied', comment: '很快解决了，谢谢！' },
    });
    expect(rated.json.handling.state).toBe('rated');
    expect((await detail(sub.id)).submission.status).toBe('closed');
    const again = await t.request('POST', `/api/submissions/${sub.id}/rating`, {
      cookie: author.cookie,
      body: { value: 'basically' },
    });
    expect([again.status, again.json.error.code]).toEqual([409, 'invalid_transition']);
  });

  it('refuses a rating before any answer, and a reply from another unit', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    const early = await t.request('POST', `/api/submissions/${sub.id}/rating`, {
      cookie: author.cookie,
      body: { value: 'satisfied' },
    });
    expect([early.status, early.json.error.code]).toEqual([409, 'invalid_transition']);
    const otherUnit = roleUser(t, 'handler', 'henan-xuchang-hrss');
    expect((await reply(otherUnit, sub.id)).status).toBe(403);
    expect((await reply(makeUser(t), sub.id)).status).toBe(403);
    expect(await query(t).value('select count(*) as n from replies')).toBe(0);
  });

  it('returns a perfunctory reply with a reason, keeps both versions, and counts the return', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    await reply(handler, sub.id, '该问题请咨询市政府有关部门。谢谢。');
    const reviewer = roleUser(t, 'reviewer');
    const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
    // The reviewer is shown why this reply looks perfunctory.
    expect(queue.json.items[0].reply.quality.score).toBeGreaterThan(0.8);
    expect(queue.json.items[0].reply.quality.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['too-short', 'boilerplate']),
    );
    const first = await pendingReplyId(reviewer);
    const noNote = await t.request('POST', `/api/replies/${first}/return`, {
      cookie: reviewer.cookie,
      body: { reason: 'perfunctory', note: '' },
    });
    expect(noNote.status).toBe(400);
    const badReason = await t.request('POST', `/api/replies/${first}/return`, {
      cookie: reviewer.cookie,
      body: { reason: 'lazy', note: '敷衍' },
    });
    expect(badReason.status).toBe(400);
    const returned = await t.request('POST', `/api/replies/${first}/return`, {
      cookie: reviewer.cookie,
      body: { reason: 'perfunctory', note: '未回应群众诉求，请核实后答复' },
    });
    expect(returned.status).toBe(200);
    expect(
      (await t.request('GET', '/api/notifications', { cookie: handler.cookie })).json.items[0],
    ).toMatchObject({ type: 'returned' });

    expect((await reply(handler, sub.id)).status).toBe(201);
    const staffView = await detail(sub.id, handler);
    expect(
      staffView.handling.drafts.map(
        (d: { version: number; state: string; returnReason: string | null }) => [
          d.version,
          d.state,
          d.returnReason,
        ],
      ),
    ).toEqual([
      [1, 'returned', 'perfunctory'],
      [2, 'submitted', null],
    ]);
    // The public sees neither drafts nor the reviewer's note.
    const publicView = await detail(sub.id);
    expect(publicView.handling.drafts).toEqual([]);
    expect(
      publicView.timeline.find((e: { type: string }) => e.type === 'reply-returned').reason,
    ).toBeNull();

    const month = await t.request('GET', '/api/handling/monthly?month=2026-11', {
      cookie: handler.cookie,
    });
    expect(month.json).toMatchObject({
      unit: { code: 'henan-xuchang-housing' },
      assigned: 1,
      replied: 0,
      returned: 1,
      open: 1,
    });
  });

  it('reopens a matter rated 不满意 for a second round with the same unit and a shorter deadline', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    const reviewer = roleUser(t, 'reviewer');
    await reply(handler, sub.id);
    await t.request('POST', `/api/replies/${await pendingReplyId(reviewer)}/approve`, {
      cookie: reviewer.cookie,
    });
    t.clock.current = Date.parse('2026-11-24T09:00:00+08:00'); // Tuesday
    const rated = await t.request('POST', `/api/submissions/${sub.id}/rating`, {
      cookie: author.cookie,
      body: { value: 'unsatisfied', comment: '暖气还是不热' },
    });
    expect(rated.json.handling).toMatchObject({
      state: 'routed',
      round: 2,
      unit: { code: 'henan-xuchang-housing' },
      dueAt: endOfChinaDay('2026-12-01'),
    });
    expect(rated.json.actions.rate).toBe(false);
    expect((await detail(sub.id)).timeline.map((e: { type: string }) => e.type).slice(-2)).toEqual([
      'rated',
      'reopened',
    ]);

    await reply(handler, sub.id, '第二次答复：已更换循环泵，室温已达18度以上，并安排专人回访。');
    await t.request('POST', `/api/replies/${await pendingReplyId(reviewer)}/approve`, {
      cookie: reviewer.cookie,
    });
    const second = await t.request('POST', `/api/submissions/${sub.id}/rating`, {
      cookie: author.cookie,
      body: { value: 'basically' },
    });
    expect(second.json.handling.state).toBe('rated');
    expect(
      second.json.ratings.map((r: { round: number; value: string }) => [r.round, r.value]),
    ).toEqual([
      [1, 'unsatisfied'],
      [2, 'basically'],
    ]);
  });
});

describe('transfers, extensions and escalation', () => {
  it('keeps the transfer chain and flags a third transfer for a reviewer instead of carrying it out', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    const housing = roleUser(t, 'handler', 'henan-xuchang-housing');
    const hrss = roleUser(t, 'handler', 'henan-xuchang-hrss');
    const health = roleUser(t, 'handler', 'henan-xuchang-health');
    const noReason = await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
      cookie: housing.cookie,
      body: { unit: 'henan-xuchang-hrss', reason: '' },
    });
    expect(noReason.status).toBe(400);
    const first = await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
      cookie: housing.cookie,
      body: { unit: 'henan-xuchang-hrss', reason: '涉及物业人员工资' },
    });
    expect(first.json.handling).toMatchObject({
      unit: { code: 'henan-xuchang-hrss' },
      transferCount: 1,
      dueAt: endOfChinaDay('2026-12-11'),
    });
    expect(
      (
        await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
          cookie: housing.cookie,
          body: { unit: 'henan-xuchang', reason: '已转出' },
        })
      ).status,
    ).toBe(403);
    await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
      cookie: hrss.cookie,
      body: { unit: 'henan-xuchang-health', reason: '涉及卫生' },
    });
    const third = await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
      cookie: health.cookie,
      body: { unit: 'henan-xuchang-eco', reason: '不属于本单位' },
    });
    expect(third.json.handling).toMatchObject({ state: 'unrouted', unit: null, transferCount: 3 });
    const reviewer = roleUser(t, 'reviewer');
    const triage = await t.request('GET', '/api/handling/triage', { cookie: reviewer.cookie });
    expect(triage.json.items[0].handling.flagReason).toMatch(/transferred 3 times/);
    const chain = (await detail(sub.id)).timeline
      .filter((e: { type: string }) => e.type === 'transferred')
      .map((e: { data: { to: string } }) => e.data.to);
    expect(chain).toEqual([
      '许昌市人力资源和社会保障局',
      '许昌市卫生健康委员会',
      '许昌市生态环境局',
    ]);
  });

  it('flags a hand-back to a unit that already had the matter', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    const housing = roleUser(t, 'handler', 'henan-xuchang-housing');
    const hrss = roleUser(t, 'handler', 'henan-xuchang-hrss');
    await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
      cookie: housing.cookie,
      body: { unit: 'henan-xuchang-hrss', reason: '不属于本单位' },
    });
    const back = await t.request('POST', `/api/submissions/${sub.id}/transfer`, {
      cookie: hrss.cookie,
      body: { unit: 'henan-xuchang-housing', reason: '退回原单位' },
    });
    expect(back.json.handling.state).toBe('unrouted');
    expect(back.json.handling.flagReason).toBeNull(); // the unit that passed it on no longer sees flags
    const reviewerView = await detail(sub.id, roleUser(t, 'reviewer'));
    expect(reviewerView.handling.handling.flagReason).toMatch(/already had it/);
  });

  it('grants one extension by working days; a second request is refused', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    const asked = await t.request('POST', `/api/submissions/${sub.id}/extension`, {
      cookie: handler.cookie,
      body: { days: 5, reason: '需现场勘查管网' },
    });
    expect(asked.json.handling.extension).toMatchObject({ state: 'requested', days: 5 });
    const reviewer = roleUser(t, 'reviewer');
    expect(
      (await t.request('GET', '/api/handling/extensions', { cookie: reviewer.cookie })).json.total,
    ).toBe(1);
    const granted = await t.request('POST', `/api/submissions/${sub.id}/extension/decision`, {
      cookie: reviewer.cookie,
      body: { grant: true },
    });
    expect(granted.json.handling).toMatchObject({
      extension: { state: 'granted' },
      dueAt: endOfChinaDay('2026-12-18'),
    });
    const again = await t.request('POST', `/api/submissions/${sub.id}/extension`, {
      cookie: handler.cookie,
      body: { days: 5, reason: '仍需时间' },
    });
    expect([again.status, again.json.error.code]).toEqual([409, 'invalid_transition']);
  });

  it('escalates an overdue matter once to the supervising unit and the reviewers', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    const city = roleUser(t, 'handler', 'henan-xuchang');
    const reviewer = roleUser(t, 'reviewer');
    // escalateOverdue is called directly, not through a request: the accounts the factory is
    // still writing must be there first, or the escalation finds no reviewer to tell.
    await t.settle();
    expect(await escalateOverdue(t.services)).toBe(0);
    t.clock.current = Date.parse('2026-12-12T08:00:00+08:00');
    expect(await escalateOverdue(t.services)).toBe(1);
    expect(await escalateOverdue(t.services)).toBe(0);
    const supervised = await t.request('GET', '/api/handling/inbox?view=escalated', {
      cookie: city.cookie,
    });
    expect(
      supervised.json.items.map((i: { submission: { id: string } }) => i.submission.id),
    ).toEqual([sub.id]);
    expect(supervised.json.items[0].handling).toMatchObject({ overdue: true, escalated: true });
    expect(
      (await t.request('GET', '/api/notifications', { cookie: reviewer.cookie })).json.items.map(
        (n: { type: string }) => n.type,
      ),
    ).toContain('escalated');
    const list = await t.request('GET', '/api/handling/supervision', { cookie: reviewer.cookie });
    expect(list.json.units).toMatchObject([
      { unit: { code: 'henan-xuchang-housing' }, overdue: 1 },
    ]);
    const month = await t.request(
      'GET',
      '/api/handling/monthly?unit=henan-xuchang-housing&month=2026-12',
      { cookie: city.cookie },
    );
    expect(month.json).toMatchObject({ overdue: 1, replied: 0 });
    expect(
      (await t.request('GET', '/api/handling/supervision', { cookie: makeUser(t).cookie })).status,
    ).toBe(403);
  });
});

describe('one public reply for many (公开答复)', () => {
  it('answers every published suggestion of a topic; each author is told and may rate', async () => {
    const owner = roleUser(t, 'owner', 'gov-office');
    const authors = [makeUser(t), makeUser(t)];
    const ids: string[] = [];
    for (const a of authors) {
      const res = await t.request('POST', '/api/campaigns/two-sessions-2027/submissions', {
        cookie: a.cookie,
        body: {
          title: '放宽招聘年龄限制',
          body: '建议事业单位招聘取消35岁年龄限制，给大龄求职者公平机会。',
          regionCode: '41',
          topic: 'employment',
          showName: false,
        },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      ids.push(res.json.submission.id);
      await t.request('POST', `/api/submissions/${res.json.submission.id}/publish`, {
        cookie: roleUser(t, 'reviewer').cookie,
      });
    }
    const refused = await t.request('POST', '/api/campaigns/two-sessions-2027/collective-replies', {
      cookie: makeUser(t).cookie,
      body: {
        title: '关于就业年龄限制的答复',
        body: '感谢网友建议，相关部门正在研究完善公务员和事业单位招聘年龄条件。',
        topic: 'employment',
      },
    });
    expect(refused.status).toBe(403);
    const res = await t.request('POST', '/api/campaigns/two-sessions-2027/collective-replies', {
      cookie: owner.cookie,
      body: {
        title: '关于就业年龄限制的答复',
        body: '感谢网友建议，相关部门正在研究完善公务员和事业单位招聘年龄条件。',
        topic: 'employment',
      },
    });
    expect(res.json).toEqual({ id: expect.stringMatching(/^col_/), members: 2 });
    for (const [i, id] of ids.entries()) {
      const d = await detail(id, authors[i]);
      expect(d.submission.status).toBe('answered');
      expect(d.handling.answers).toMatchObject([{ collectiveTitle: '关于就业年龄限制的答复' }]);
      expect(d.handling.actions.rate).toBe(true);
    }
    const rated = await t.request('POST', `/api/submissions/${ids[0]}/rating`, {
      cookie: authors[0]!.cookie,
      body: { value: 'satisfied' },
    });
    expect(rated.status).toBe(200);
    expect((await detail(ids[0]!)).submission.status).toBe('closed');
  });
});

describe('notifications', () => {
  it('counts unread notifications and marks them read', async () => {
    const author = makeUser(t);
    await publishedSubmission(t, author);
    const before = await t.request('GET', '/api/notifications', { cookie: author.cookie });
    expect(before.json.unread).toBe(1); // published
    const after = await t.request('POST', '/api/notifications/read', {
      cookie: author.cookie,
      body: { all: true },
    });
    expect(after.json.unread).toBe(0);
    expect((await t.request('GET', '/api/notifications')).status).toBe(401);
  });
});

describe('e-mail outbox', () => {
  it('queues an e-mail for a user with an address in the same transaction, and the log sender delivers it', async () => {
    const { createEmailSender, deliverOutbox } =
      await import('../../../server/notifications/email-sender.ts');
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    await query(t).run(
      'update users set email = ? where id = ?',
      'liu@xuchang.example',
      handler.id,
    );
    const sub = await publishedSubmission(t, makeUser(t));
    const pending = await query(t).all(
      'select "to", subject from email_outbox where sent_at is null',
    );
    expect(pending).toEqual([
      { to: 'liu@xuchang.example', subject: expect.stringContaining(sub.ref) },
    ]);
    const sent = await deliverOutbox(t.services.store, createEmailSender('', 'x@y'), () =>
      t.clock.now(),
    );
    expect(sent).toBe(1);
    expect(
      await query(t).value('select count(*) as n from email_outbox where sent_at is null'),
    ).toBe(0);
  });
});
