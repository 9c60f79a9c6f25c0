import { query } from '../../support/sql.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import {
  makeUser,
  messageInput,
  probe,
  publishedSubmission,
  roleUser,
  submit,
} from '../../support/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const count = (table: string) => query(t).value<number>(`select count(*) from ${table}`);

describe('POST /api/campaigns/:slug/submissions', () => {
  it('gives the netizen a reference number and a timeline, and keeps the text exactly', async () => {
    const author = makeUser(t);
    const input = messageInput();
    const res = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: input,
    });
    expect(res.status).toBe(201);
    const sub = res.json.submission;
    expect(sub.ref).toMatch(/^LB-2026-\d{6}$/);
    expect(sub.status).toBe('received');
    expect(sub.title).toBe(input.title);
    expect(sub.title).toContain(probe);
    expect(sub.region.name).toBe('河南省 许昌市 魏都区');

    const detail = await t.request('GET', `/api/submissions/${sub.id}`, { cookie: author.cookie });
    expect(detail.json.timeline.map((e: { type: string }) => e.type)).toEqual(['received']);
    const mine = await t.request('GET', '/api/me/submissions', { cookie: author.cookie });
    expect(mine.json.items.map((s: { ref: string }) => s.ref)).toEqual([sub.ref]);
  });

  it('numbers references one after another within a campaign and year', async () => {
    const author = makeUser(t);
    const a = await submit(t, author);
    const b = await submit(t, author);
    expect(Number(b.ref.slice(-6))).toBe(Number(a.ref.slice(-6)) + 1);
  });

  it('publishes at once where the campaign says so', async () => {
    const author = makeUser(t);
    const res = await t.request('POST', '/api/campaigns/fifteenth-five-year-plan/submissions', {
      cookie: author.cookie,
      body: {
        title: '发展互助性养老服务',
        body: '建议在农村推广互助性养老，让留守老人有归宿，让进城子女安心创业。',
        regionCode: '150621',
        topic: 'elderly-care',
        showName: false,
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.submission.status).toBe('published');
    expect(res.json.submission.ref).toMatch(/^FYP-2026-/);
  });

  it('refuses a signed-out visitor with 401 and writes nothing', async () => {
    const res = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      body: messageInput(),
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthenticated');
    expect(await count('submissions')).toBe(0);
  });

  it('reports every invalid field at once, by name', async () => {
    const author = makeUser(t);
    const res = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: messageInput({
        title: '短',
        body: '太短了',
        regionCode: '110101',
        topic: 'no-such-topic',
        custom: { nope: 'x' },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(Object.keys(res.json.error.details.fields).sort()).toEqual(
      ['body', 'custom.nope', 'custom.request-type', 'regionCode', 'title', 'topic'].sort(),
    );
    expect(await count('submissions')).toBe(0);
    expect(await count('timeline_events')).toBe(0);
  });

  it('refuses an unknown region code and a non-option select value', async () => {
    const author = makeUser(t);
    const res = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: messageInput({ regionCode: '419999', custom: { 'request-type': 'bribe' } }),
    });
    expect(res.json.error.details.fields).toEqual({
      regionCode: 'unknown region code',
      'custom.request-type': 'not one of the options',
    });
  });

  it('refuses submissions outside the collecting phase with phase_closed', async () => {
    t.clock.current = Date.parse('2027-03-05T10:00:00+08:00'); // two sessions: support-only phase
    const author = makeUser(t);
    const res = await t.request('POST', '/api/campaigns/two-sessions-2027/submissions', {
      cookie: author.cookie,
      body: messageInput({ topic: 'employment' }),
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('phase_closed');
    expect(await count('submissions')).toBe(0);
  });

  it('answers 404 for an unknown campaign', async () => {
    const author = makeUser(t);
    const res = await t.request('POST', '/api/campaigns/nope/submissions', {
      cookie: author.cookie,
      body: messageInput(),
    });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
  });

  it('answers malformed JSON, a wrong content type and an oversize body with stable codes', async () => {
    const author = makeUser(t);
    const path = '/api/campaigns/leadership-board/submissions';
    const bad = await t.request('POST', path, {
      cookie: author.cookie,
      raw: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_json']);
    const form = await t.request('POST', path, {
      cookie: author.cookie,
      raw: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([form.status, form.json.error.code]).toEqual([415, 'unsupported_media_type']);
    const huge = await t.request('POST', path, {
      cookie: author.cookie,
      body: messageInput({ body: '长'.repeat(300_000) }),
    });
    expect([huge.status, huge.json.error.code]).toEqual([413, 'payload_too_large']);
    const wrongType = await t.request('POST', path, {
      cookie: author.cookie,
      body: messageInput({ showName: 'yes' }),
    });
    expect([wrongType.status, wrongType.json.error.code]).toEqual([400, 'validation_failed']);
    expect(await count('submissions')).toBe(0);
  });

  it('limits submissions per account with 429 and Retry-After', async () => {
    await t.close();
    t = await createTestApp({ config: { HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '2' } });
    const author = makeUser(t);
    await submit(t, author);
    await submit(t, author);
    const res = await t.request('POST', '/api/campaigns/leadership-board/submissions', {
      cookie: author.cookie,
      body: messageInput(),
    });
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await count('submissions')).toBe(2);
    // Another account is not affected.
    await submit(t, makeUser(t));
  });

  it('refuses a cross-site request', async () => {
    const author = makeUser(t);
    const res = await t.request(
      'POST',
      'http://huiyin.example/api/campaigns/leadership-board/submissions',
      {
        cookie: author.cookie,
        body: messageInput(),
        headers: { origin: 'https://evil.example', host: 'huiyin.example' },
      },
    );
    expect(res.status).toBe(403);
    expect(await count('submissions')).toBe(0);
  });
});

describe('reading submissions', () => {
  it('lists only published submissions, newest first, with pagination', async () => {
    const author = makeUser(t);
    await submit(t, author); // still waiting for moderation
    const first = await publishedSubmission(t, author);
    t.clock.current += 60_000;
    const second = await publishedSubmission(t, author);
    const page1 = await t.request('GET', '/api/campaigns/leadership-board/submissions?pageSize=1');
    expect(page1.json.total).toBe(2);
    expect(page1.json.items.map((s: { id: string }) => s.id)).toEqual([second.id]);
    const page2 = await t.request(
      'GET',
      '/api/campaigns/leadership-board/submissions?pageSize=1&page=2',
    );
    expect(page2.json.items.map((s: { id: string }) => s.id)).toEqual([first.id]);
  });

  it('hides unpublished submissions from everyone but the author and staff', async () => {
    const author = makeUser(t);
    const sub = await submit(t, author);
    expect((await t.request('GET', `/api/submissions/${sub.id}`)).status).toBe(404);
    expect(
      (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: makeUser(t).cookie })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: author.cookie })).status,
    ).toBe(200);
    expect(
      (
        await t.request('GET', `/api/submissions/${sub.id}`, {
          cookie: roleUser(t, 'reviewer').cookie,
        })
      ).status,
    ).toBe(200);
  });

  it('masks personal data for the public and shows the original to the author and reviewers', async () => {
    const author = makeUser(t);
    const body =
      '我的电话13912345678，邮箱zhang.san@example.com，身份证11010519491231002X，车牌豫A12345，请联系。';
    const sub = await publishedSubmission(t, author, { body });
    const publicView = (await t.request('GET', `/api/submissions/${sub.id}`)).json.submission;
    expect(publicView.body).toBe(
      '我的电话139****5678，邮箱z***@example.com，身份证110*************2X，车牌豫A****5，请联系。',
    );
    expect(publicView.masked).toBe(true);
    const otherNetizen = (
      await t.request('GET', `/api/submissions/${sub.id}`, { cookie: makeUser(t).cookie })
    ).json.submission;
    expect(otherNetizen.body).toBe(publicView.body);
    for (const viewer of [author, roleUser(t, 'reviewer')]) {
      const view = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: viewer.cookie }))
        .json.submission;
      expect(view.body).toBe(body);
      expect(view.masked).toBe(false);
    }
  });

  it('shows an unmasked text to the public as written everywhere, storing its words once', async () => {
    const author = makeUser(t);
    const title = '小区门口路灯坏了';
    const body = '小区门口的路灯坏了一个月，晚上出行很不安全，请尽快维修。';
    const plain = await publishedSubmission(t, author, { title, body });
    // A masked title beside a body with nothing to mask: each part on its own.
    const mixed = await publishedSubmission(t, author, {
      title: '请回电13912345678',
      body: '路灯维修的进度如何，请工作人员回电告知，谢谢。',
    });
    const stored = await query(t).get(
      'select title_public as t, body_public as b from submissions where id = ?',
      plain.id,
    );
    expect(stored).toEqual({ t: '', b: '' });

    const detail = (await t.request('GET', `/api/submissions/${plain.id}`)).json.submission;
    expect([detail.title, detail.body, detail.masked]).toEqual([title, body, false]);
    const listed = (await t.request('GET', '/api/campaigns/leadership-board/submissions')).json
      .items;
    const byId = new Map(listed.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(plain.id)).toMatchObject({ title, body });
    expect(byId.get(mixed.id)).toMatchObject({
      title: '请回电139****5678',
      body: '路灯维修的进度如何，请工作人员回电告知，谢谢。',
    });
    const found = (await t.request('GET', `/api/search?q=${encodeURIComponent('路灯')}`)).json
      .items;
    const hit = found.find((i: { submission: { id: string } }) => i.submission.id === plain.id);
    // The highlighted title is the public text as written.
    expect(hit.title.text).toBe(title);
    const csv = (
      await t.request('GET', '/api/campaigns/leadership-board/exports/submissions?format=csv')
    ).text;
    expect(csv).toContain(body);
    expect(csv).toContain('请回电139****5678');
    expect(csv).not.toContain('13912345678');
  });

  it("hides the author's name from the public when asked, but not from staff", async () => {
    const author = makeUser(t, { displayName: '张三' });
    const sub = await publishedSubmission(t, author, { showName: false });
    expect(
      (await t.request('GET', `/api/submissions/${sub.id}`)).json.submission.author,
    ).toBeNull();
    const staffView = await t.request('GET', `/api/submissions/${sub.id}`, {
      cookie: roleUser(t, 'reviewer').cookie,
    });
    expect(staffView.json.submission.author).toEqual({ displayName: '张三' });
  });
});

describe('POST /api/submissions/:id/support', () => {
  it('counts one support per account and sorts by supports', async () => {
    const author = makeUser(t);
    const popular = await publishedSubmission(t, author);
    const quiet = await publishedSubmission(t, author);
    const fan = makeUser(t);
    const res = await t.request('POST', `/api/submissions/${popular.id}/support`, {
      cookie: fan.cookie,
    });
    expect(res.json).toEqual({ supportCount: 1, supportedByMe: true });
    const again = await t.request('POST', `/api/submissions/${popular.id}/support`, {
      cookie: fan.cookie,
    });
    expect([again.status, again.json.error.code]).toEqual([409, 'already_supported']);
    await t.request('POST', `/api/submissions/${popular.id}/support`, {
      cookie: makeUser(t).cookie,
    });

    const sorted = await t.request(
      'GET',
      '/api/campaigns/leadership-board/submissions?sort=supports',
      { cookie: fan.cookie },
    );
    expect(
      sorted.json.items.map((s: { id: string; supportCount: number }) => [s.id, s.supportCount]),
    ).toEqual([
      [popular.id, 2],
      [quiet.id, 0],
    ]);
    expect(sorted.json.items[0].supportedByMe).toBe(true);
  });

  it('refuses signed-out visitors, the author, and unpublished submissions', async () => {
    const author = makeUser(t);
    const sub = await publishedSubmission(t, author);
    expect((await t.request('POST', `/api/submissions/${sub.id}/support`)).status).toBe(401);
    expect(
      (await t.request('POST', `/api/submissions/${sub.id}/support`, { cookie: author.cookie }))
        .status,
    ).toBe(403);
    const waiting = await submit(t, author);
    expect(
      (
        await t.request('POST', `/api/submissions/${waiting.id}/support`, {
          cookie: makeUser(t).cookie,
        })
      ).status,
    ).toBe(404);
    expect(await count('supports')).toBe(0);
  });
});
