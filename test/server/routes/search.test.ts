import { matchExpression } from '../../../server/search/search-submissions.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, publishedSubmission, roleUser, submit } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const ids = (res: { json: { items: { submission: { id: string } }[] } }) =>
  res.json.items.map((i) => i.submission.id);

describe('GET /api/search', () => {
  it('finds published submissions by Chinese words, inside longer words and across scripts, with highlights', async () => {
    const author = makeUser(t);
    const school = await publishedSubmission(t, author, {
      title: '魏都区公办幼儿园学位严重不足',
      body: '报名要排半年队，建议新建公办幼儿园，增加学位供给，方便附近居民。',
      topic: 'education-culture-sports',
    });
    const heat = await publishedSubmission(t, author, {
      title: '小区暖气不热',
      body: '入冬以来暖气一直不热，屋里只有十三度，老人孩子受不了。',
    });
    await submit(t, author, {
      title: '学位不足的另一条',
      body: '这条还在审核中，不应被搜到：公办幼儿园学位不足。',
    });

    const res = await t.request('GET', `/api/search?q=${encodeURIComponent('学位不足')}`);
    expect(ids(res)).toEqual([school.id]);
    const title = res.json.items[0].title;
    expect(title.marks.map(([a, b]: [number, number]) => title.text.slice(a, b))).toEqual([
      '学位',
      '不足',
    ]);

    const traditional = await t.request('GET', `/api/search?q=${encodeURIComponent('暖氣')}`);
    expect(ids(traditional)).toEqual([heat.id]);
    expect((await t.request('GET', `/api/search?q=${encodeURIComponent('地铁')}`)).json.total).toBe(
      0,
    );
  });

  it('searches approved replies too, and filters by campaign, topic and region', async () => {
    const author = makeUser(t);
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    const reviewer = roleUser(t, 'reviewer');
    const sub = await publishedSubmission(t, author);
    await t.request('POST', `/api/submissions/${sub.id}/replies`, {
      cookie: handler.cookie,
      body: { body: '热力公司已加装循环泵，室温已恢复到十八度以上。' },
    });
    const queue = await t.request('GET', '/api/handling/replies', { cookie: reviewer.cookie });
    await t.request('POST', `/api/replies/${queue.json.items[0].reply.id}/approve`, {
      cookie: reviewer.cookie,
    });
    expect(ids(await t.request('GET', `/api/search?q=${encodeURIComponent('循环泵')}`))).toEqual([
      sub.id,
    ]);
    expect(
      ids(await t.request('GET', `/api/search?q=${encodeURIComponent('循环泵')}&topic=health`)),
    ).toEqual([]);
    expect(
      ids(await t.request('GET', `/api/search?q=${encodeURIComponent('循环泵')}&region=4110`)),
    ).toEqual([sub.id]);
    expect(
      ids(
        await t.request(
          'GET',
          `/api/search?q=${encodeURIComponent('循环泵')}&campaign=two-sessions-2027`,
        ),
      ),
    ).toEqual([]);
  });

  it('never finds masked personal data', async () => {
    const author = makeUser(t);
    await publishedSubmission(t, author, { body: '请联系我13912345678，小区门口的路灯坏了很久。' });
    expect((await t.request('GET', '/api/search?q=13912345678')).json.total).toBe(0);
  });

  it('sorts by supports and refuses an empty query', async () => {
    const author = makeUser(t);
    const a = await publishedSubmission(t, author, { title: '电梯经常故障一' });
    const b = await publishedSubmission(t, author, { title: '电梯经常故障二' });
    await t.request('POST', `/api/submissions/${b.id}/support`, { cookie: makeUser(t).cookie });
    expect(
      ids(await t.request('GET', `/api/search?q=${encodeURIComponent('电梯')}&sort=supports`)),
    ).toEqual([b.id, a.id]);
    const empty = await t.request('GET', '/api/search?q=');
    expect([empty.status, empty.json.error.code]).toEqual([400, 'validation_failed']);
    expect((await t.request('GET', `/api/search?q=${encodeURIComponent('"OR*')}`)).status).toBe(
      200,
    );
  });
});

describe('the FTS5 expression of a query', () => {
  it('keeps one character a prefix, and reads a word the segmenter splits as a phrase', () => {
    expect(matchExpression('房')).toBe('"房"*');
    expect(matchExpression('西地')).toBe('"西 地"');
    expect(matchExpression('暖气不热')).toBe('"暖气" AND "不热"');
  });
});
