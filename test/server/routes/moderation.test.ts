import { query, statementsOf } from '../../support/sql.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { makeUser, roleUser, submit } from '../../support/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('moderation', () => {
  it('shows reviewers the queue oldest first with the original text, and publishing moves it to the campaign page', async () => {
    const author = makeUser(t);
    const first = await submit(t, author, {
      body: '我的电话13912345678，小区暖气不热，屋里只有十三度，请督促热力公司处理。',
    });
    t.clock.current += 1000;
    const second = await submit(t, author);
    const reviewer = roleUser(t, 'reviewer');
    const queue = await t.request('GET', '/api/moderation/queue', { cookie: reviewer.cookie });
    expect(queue.json.items.map((s: { id: string }) => s.id)).toEqual([first.id, second.id]);
    expect(queue.json.items[0].body).toContain('13912345678');

    const published = await t.request('POST', `/api/submissions/${first.id}/publish`, {
      cookie: reviewer.cookie,
    });
    expect(published.json.submission.status).toBe('published');
    const page = await t.request('GET', '/api/campaigns/leadership-board/submissions');
    expect(page.json.items.map((s: { id: string }) => s.id)).toEqual([first.id]);
    const detail = await t.request('GET', `/api/submissions/${first.id}`, {
      cookie: author.cookie,
    });
    expect(
      detail.json.timeline.map((e: { type: string; actor: { role: string } | null }) => [
        e.type,
        e.actor?.role,
      ]),
    ).toEqual([
      ['received', 'netizen'],
      ['published', 'reviewer'],
      ['routed', undefined], // the leadership board routes published messages to a unit
    ]);
    const remaining = await t.request('GET', '/api/moderation/queue', { cookie: reviewer.cookie });
    expect(remaining.json.total).toBe(1);
  });

  it('rejects with a reason the author reads and nobody else sees', async () => {
    const author = makeUser(t);
    const sub = await submit(t, author);
    const reviewer = roleUser(t, 'reviewer');
    const res = await t.request('POST', `/api/submissions/${sub.id}/reject`, {
      cookie: reviewer.cookie,
      body: { reason: '内容与本栏目无关，请通过12345热线反映' },
    });
    expect(res.json.submission.status).toBe('rejected');
    const mine = await t.request('GET', `/api/submissions/${sub.id}`, { cookie: author.cookie });
    expect(mine.json.submission.rejectReason).toBe('内容与本栏目无关，请通过12345热线反映');
    expect(mine.json.timeline.at(-1)).toMatchObject({
      type: 'rejected',
      reason: '内容与本栏目无关，请通过12345热线反映',
    });
    expect((await t.request('GET', `/api/submissions/${sub.id}`)).status).toBe(404);
  });

  it('needs a reason to reject', async () => {
    const sub = await submit(t, makeUser(t));
    const reviewer = roleUser(t, 'reviewer');
    const res = await t.request('POST', `/api/submissions/${sub.id}/reject`, {
      cookie: reviewer.cookie,
      body: { reason: ' ' },
    });
    expect([res.status, res.json.error.code]).toEqual([400, 'validation_failed']);
    expect(res.json.error.details.fields.reason).toBeDefined();
    const still = await t.request('GET', `/api/submissions/${sub.id}`, { cookie: reviewer.cookie });
    expect(still.json.submission.status).toBe('received');
  });

  it('answers 409 to publishing twice or publishing a rejected submission, changing nothing', async () => {
    const sub = await submit(t, makeUser(t));
    const reviewer = roleUser(t, 'reviewer');
    await t.request('POST', `/api/submissions/${sub.id}/publish`, { cookie: reviewer.cookie });
    const twice = await t.request('POST', `/api/submissions/${sub.id}/publish`, {
      cookie: reviewer.cookie,
    });
    expect([twice.status, twice.json.error.code]).toEqual([409, 'invalid_transition']);
    const reject = await t.request('POST', `/api/submissions/${sub.id}/reject`, {
      cookie: reviewer.cookie,
      body: { reason: '重复提交' },
    });
    expect(reject.status).toBe(409);
    const events = await query(t).value(
      'select count(*) from timeline_events where submission_id = ?',
      sub.id,
    );
    expect(events).toBe(3); // received, published, routed: nothing from the refused attempts
  });

  it('refuses netizens, handlers, editors and owners; refuses signed-out visitors', async () => {
    const sub = await submit(t, makeUser(t));
    for (const user of [
      makeUser(t),
      roleUser(t, 'handler', 'henan-xuchang-housing'),
      roleUser(t, 'editor'),
      roleUser(t, 'owner', 'huiyin'),
    ]) {
      expect(
        (await t.request('GET', '/api/moderation/queue', { cookie: user.cookie })).status,
      ).toBe(403);
      expect(
        (await t.request('POST', `/api/submissions/${sub.id}/publish`, { cookie: user.cookie }))
          .status,
      ).toBe(403);
      expect(
        (
          await t.request('POST', `/api/submissions/${sub.id}/reject`, {
            cookie: user.cookie,
            body: { reason: '不予发布' },
          })
        ).status,
      ).toBe(403);
    }
    expect((await t.request('GET', '/api/moderation/queue')).status).toBe(401);
    const admin = roleUser(t, 'admin');
    expect(
      (await t.request('POST', `/api/submissions/${sub.id}/publish`, { cookie: admin.cookie }))
        .status,
    ).toBe(200);
  });

  it('answers 404 for an unknown submission', async () => {
    const reviewer = roleUser(t, 'reviewer');
    const res = await t.request('POST', '/api/submissions/sub_nope/publish', {
      cookie: reviewer.cookie,
    });
    expect([res.status, res.json.error.code]).toEqual([404, 'not_found']);
  });
});

describe('the moderation queue', () => {
  it('costs the same few statements for a page of 50 as for a page of 1', async () => {
    const reviewer = roleUser(t, 'reviewer');
    for (let i = 0; i < 50; i++) await submit(t, makeUser(t));
    const page = (size: number) =>
      statementsOf(t, async () => {
        const res = await t.request('GET', `/api/moderation/queue?pageSize=${size}`, {
          cookie: reviewer.cookie,
        });
        expect(res.json.items).toHaveLength(size);
      });
    await page(1); // the reviewer's session is read once, then remembered
    const one = await page(1);
    const fifty = await page(50);
    expect(one).toBeGreaterThan(0);
    expect(fifty).toBe(one);
    expect(fifty).toBeLessThanOrEqual(6);
  });
});
