import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, officeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(); // Saturday 2026-11-21, 10:00 China time
});
afterEach(async () => {
  await t.close();
});

const ids = (page: { items: { submission: { id: string } }[] }) =>
  page.items.map((i) => i.submission.id);

describe("a leader's office", () => {
  it('follows the messages to its leader only, and instructs on them', async () => {
    const toMayor = await publishedSubmission(t, makeUser(t), {
      regionCode: '411002',
      addressee: 'xuchang-mayor',
    });
    const toSecretary = await publishedSubmission(t, makeUser(t), {
      regionCode: '411002',
      addressee: 'xuchang-secretary',
    });
    await publishedSubmission(t, makeUser(t), { regionCode: '411002' });
    const office = officeUser(t, 'xuchang-mayor');
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');

    const me = await t.request('GET', '/api/auth/me', { cookie: office.cookie });
    expect(me.json.user.roles).toContainEqual({
      role: 'office',
      org: null,
      addressee: { key: 'xuchang-mayor', title: '许昌市市长' },
    });
    const list = await t.request('GET', '/api/office/messages', { cookie: office.cookie });
    expect(list.status).toBe(200);
    expect(ids(list.json)).toEqual([toMayor.id]);
    expect(list.json.items[0].handling).toMatchObject({
      state: 'routed',
      unit: { code: 'henan-xuchang-housing' },
    });
    // Another leader's messages are not this office's to see or to instruct on.
    const other = await t.request('GET', '/api/office/messages?addressee=xuchang-secretary', {
      cookie: office.cookie,
    });
    expect(other.status).toBe(403);
    const notTheirs = await t.request('POST', `/api/submissions/${toSecretary.id}/instruction`, {
      cookie: office.cookie,
      body: { note: '请尽快办理', priority: 'urgent' },
    });
    expect(notTheirs.status).toBe(403);
    const netizen = await t.request('GET', '/api/office/messages', {
      cookie: makeUser(t).cookie,
    });
    expect(netizen.status).toBe(403);

    const before = (
      await t.request('GET', `/api/submissions/${toMayor.id}`, { cookie: office.cookie })
    ).json;
    expect(before.handling.actions.instruct).toBe(true);
    expect(before.handling.handling.urgency).toBe('normal');
    const noNote = await t.request('POST', `/api/submissions/${toMayor.id}/instruction`, {
      cookie: office.cookie,
      body: { note: '', priority: 'urgent' },
    });
    expect(noNote.status).toBe(400);
    const instructed = await t.request('POST', `/api/submissions/${toMayor.id}/instruction`, {
      cookie: office.cookie,
      body: { note: '群众冬季取暖无小事，请住建局三日内核实答复。', priority: 'urgent' },
    });
    expect(instructed.status).toBe(200);
    expect(instructed.json.handling.urgency).toBe('urgent');
    expect(instructed.json.handling.dueAt).toBeLessThan(before.handling.handling.dueAt);

    // The unit is told, and reads the note on the timeline; the public sees only that it was given.
    const notes = await t.request('GET', '/api/notifications', { cookie: handler.cookie });
    expect(notes.json.items.map((n: { type: string }) => n.type)).toContain('instructed');
    const staffView = (
      await t.request('GET', `/api/submissions/${toMayor.id}`, { cookie: handler.cookie })
    ).json;
    expect(staffView.timeline.at(-1)).toMatchObject({
      type: 'instructed',
      reason: '群众冬季取暖无小事，请住建局三日内核实答复。',
      actor: { role: 'office' },
      data: { priority: 'urgent', addressee: 'xuchang-mayor' },
    });
    const publicView = (await t.request('GET', `/api/submissions/${toMayor.id}`)).json;
    expect(publicView.timeline.at(-1)).toMatchObject({ type: 'instructed', reason: null });

    // Answered: it moves to the office's answered list, and takes no more instructions.
    await t.request('POST', `/api/submissions/${toMayor.id}/replies`, {
      cookie: handler.cookie,
      body: {
        body: '您好，经核查，热力公司已完成管网排查并提高供水温度，本周内恢复正常供暖。',
        office: '供热科',
        contactPhone: '0374-1234567',
      },
    });
    const reviewer = roleUser(t, 'reviewer');
    const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
    await t.request('POST', `/api/replies/${queue.json.items[0].reply.id}/approve`, {
      cookie: reviewer.cookie,
    });
    const answered = await t.request('GET', '/api/office/messages?view=answered', {
      cookie: office.cookie,
    });
    expect(ids(answered.json)).toEqual([toMayor.id]);
    const late = await t.request('POST', `/api/submissions/${toMayor.id}/instruction`, {
      cookie: office.cookie,
      body: { note: '请回访群众', priority: 'normal' },
    });
    expect(late.json.error.code).toBe('invalid_transition');
  });
});
