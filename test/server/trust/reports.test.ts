import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, probe, publishedSubmission, roleUser, submit } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { approvedReply } from '../../support/trust-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const report = (id: string, cookie: string, body: unknown = { reason: 'abuse', note: probe }) =>
  t.request('POST', `/api/submissions/${id}/report`, { cookie, body });

describe('reports (举报)', () => {
  it('takes one report per account per item, from signed-in users, with a reason from the list', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    const reader = makeUser(t);
    expect(
      (await t.request('POST', `/api/submissions/${sub.id}/report`, { body: { reason: 'spam' } }))
        .status,
    ).toBe(401);
    const bad = await report(sub.id, reader.cookie, { reason: 'boring' });
    expect([bad.status, bad.json.error.code, Object.keys(bad.json.error.details.fields)]).toEqual([
      400,
      'validation_failed',
      ['reason'],
    ]);
    expect((await report(sub.id, reader.cookie)).status).toBe(201);
    const again = await report(sub.id, reader.cookie, { reason: 'spam' });
    expect([again.status, again.json.error.code]).toEqual([409, 'already_reported']);
    const waiting = await submit(t, makeUser(t));
    expect((await report(waiting.id, reader.cookie)).status).toBe(404);
    expect(await query(t).value('select count(*) as n from reports')).toBe(1);
  });

  it('withholds the text from the public after three distinct reports, pending review, on the timeline', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    for (let i = 0; i < 2; i++)
      expect((await report(sub.id, makeUser(t).cookie)).json.hold).toBeNull();
    const third = await report(sub.id, makeUser(t).cookie);
    expect(third.json).toEqual({ reports: 3, hold: 'pending-review' });

    const publicView = await t.request('GET', `/api/submissions/${sub.id}`);
    expect(publicView.json.submission).toMatchObject({
      hold: 'pending-review',
      title: '',
      body: '',
    });
    expect(publicView.json.timeline.at(-1)).toMatchObject({ type: 'held', actor: null });
    const list = await t.request('GET', '/api/campaigns/leadership-board/submissions');
    expect(list.json.items[0]).toMatchObject({ id: sub.id, title: '', hold: 'pending-review' });
    // The author and reviewers still read it.
    const own = await t.request('GET', `/api/submissions/${sub.id}`, { cookie: author.cookie });
    expect(own.json.submission.title).toContain(probe);
    // Not findable by its words either.
    const found = await t.request('GET', '/api/search?q=暖气');
    expect(
      found.json.items.map((i: { submission: { id: string } }) => i.submission.id),
    ).not.toContain(sub.id);
  });

  it('lets a reviewer work the queue: dismiss restores, hide keeps it hidden until restored, reject takes it down', async () => {
    const reviewer = roleUser(t, 'reviewer');
    const netizen = makeUser(t);
    const [a, b, c] = [
      await publishedSubmission(t, makeUser(t)),
      await publishedSubmission(t, makeUser(t)),
      await publishedSubmission(t, makeUser(t)),
    ];
    for (const s of [a, b, c]) for (let i = 0; i < 3; i++) await report(s.id, makeUser(t).cookie);
    expect(
      (await t.request('GET', '/api/moderation/reports', { cookie: netizen.cookie })).status,
    ).toBe(403);
    const queue = await t.request('GET', '/api/moderation/reports', { cookie: reviewer.cookie });
    expect(queue.json.items).toHaveLength(3);
    expect(queue.json.items[0]).toMatchObject({
      reports: 3,
      reasons: { abuse: 3 },
      hold: 'pending-review',
    });
    expect(queue.json.items[0].notes).toEqual([probe, probe, probe]);

    const decide = (id: string, body: unknown, cookie = reviewer.cookie) =>
      t.request('POST', `/api/submissions/${id}/moderation`, { cookie, body });
    expect((await decide(a.id, { action: 'dismiss' }, netizen.cookie)).status).toBe(403);
    expect((await decide(a.id, { action: 'dismiss' })).json).toEqual({
      hold: null,
      status: 'published',
    });
    expect((await t.request('GET', `/api/submissions/${a.id}`)).json.submission.title).not.toBe('');

    expect((await decide(b.id, { action: 'hide', reason: '辱骂' })).json.hold).toBe('hidden');
    const hidden = await t.request('GET', `/api/submissions/${b.id}`);
    expect(hidden.json.submission).toMatchObject({ hold: 'hidden', body: '' });
    expect(hidden.json.timeline.at(-1)).toMatchObject({
      type: 'hidden',
      actor: { role: 'reviewer' },
    });
    expect((await decide(b.id, { action: 'restore' })).json.hold).toBeNull();
    const back = await t.request('GET', `/api/submissions/${b.id}`);
    expect(back.json.submission.body).not.toBe('');
    expect(back.json.timeline.map((e: { type: string }) => e.type).slice(-3)).toEqual([
      'held',
      'hidden',
      'restored',
    ]);

    expect((await decide(c.id, { action: 'reject' })).json.error.code).toBe('validation_failed');
    expect((await decide(c.id, { action: 'reject', reason: '含有辱骂内容' })).json.status).toBe(
      'rejected',
    );
    expect((await t.request('GET', `/api/submissions/${c.id}`)).status).toBe(404);
    expect(
      (await t.request('GET', '/api/moderation/reports', { cookie: reviewer.cookie })).json.items,
    ).toEqual([]);
  });

  it('reports replies too; a held reply is withheld from the public but not from staff', async () => {
    const sub = await publishedSubmission(t, makeUser(t));
    const replyId = await approvedReply(t, sub.id);
    for (let i = 0; i < 3; i++) {
      const r = await t.request('POST', `/api/replies/${replyId}/report`, {
        cookie: makeUser(t).cookie,
        body: { reason: 'off-topic' },
      });
      expect(r.status).toBe(201);
    }
    const publicView = await t.request('GET', `/api/submissions/${sub.id}`);
    expect(publicView.json.handling.answers[0]).toMatchObject({ hold: 'pending-review', body: '' });
    const reviewer = roleUser(t, 'reviewer');
    const staffView = await t.request('GET', `/api/submissions/${sub.id}`, {
      cookie: reviewer.cookie,
    });
    expect(staffView.json.handling.answers[0].body).toContain('热力公司');
    const reject = await t.request('POST', `/api/replies/${replyId}/moderation`, {
      cookie: reviewer.cookie,
      body: { action: 'reject', reason: 'x' },
    });
    expect(reject.status).toBe(400);
    const dismiss = await t.request('POST', `/api/replies/${replyId}/moderation`, {
      cookie: reviewer.cookie,
      body: { action: 'dismiss' },
    });
    expect(dismiss.json.hold).toBeNull();
  });

  it('uses the threshold from HUIYIN_REPORT_HIDE_THRESHOLD', async () => {
    await t.close();
    t = await createTestApp({ config: { HUIYIN_REPORT_HIDE_THRESHOLD: '1' } });
    const sub = await publishedSubmission(t, makeUser(t));
    expect((await report(sub.id, makeUser(t).cookie)).json.hold).toBe('pending-review');
  });
});
