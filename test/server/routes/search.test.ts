import { matchExpression, searchTerms } from '../../../server/search/search-submissions.ts';
import { submissionSearchWords } from '../../../server/search/search-words.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, publishedSubmission, roleUser, submit } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { testEngine } from '../../support/test-database.ts';

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

/** Texts whose words the engines must match alike (no punctuation inside a word). */
const corpus = [
  ['小区暖气不热', '入冬以来暖气一直不热，屋里只有十三度，老人孩子受不了。'],
  ['暖气费太贵', '今年暖气费涨了不少，希望物价部门核实热力公司的收费标准。'],
  ['小区停车难', '小区车位太少，晚上停车要绕好几圈，希望规划新的停车场。'],
  ['路边停车乱收费', '医院门口路边停车每小时收费十元，没有公示收费依据。'],
  ['西地街道路灯不亮', '西地街道的路灯坏了三个月，晚上出门很不安全。'],
  ['房屋漏水', '楼顶防水层老化，房屋漏水严重，物业推脱不修。'],
  ['房租上涨', '房东今年把房租涨了三成，希望出台租赁市场的规范。'],
  ['公交站搬迁', '公交车站搬迁以后离小区有两公里，老人去医院很不方便。'],
  ['增加公交线路', '新区没有公交线路，上班只能打车，希望增开公交。'],
  ['学位不足', '魏都区公办幼儿园学位严重不足，报名要排半年队。'],
  ['学校太远', '孩子户籍在本片区却被划到很远的学校，每天接送要一个小时。'],
  ['垃圾站选址', '新建的垃圾中转站离居民楼不到五十米，夏天臭味很大。'],
  ['烧烤油烟', '楼下烧烤店每天营业到凌晨两点，油烟和噪音严重影响休息。'],
  ['自来水停水', '我们村经常停水，一停就是好几天，夏天用水特别困难。'],
  ['公积金', '单位一直没有缴纳住房公积金，请人社和公积金中心督促。'],
] as const;

/** What every engine must find: the ids whose indexed words hold every term of the query. */
function expected(words: Map<string, string[]>, q: string): string[] {
  const terms = searchTerms(q) ?? [];
  const holds = (list: string[], t: { words: string[]; prefix: boolean }) =>
    list.some((_, i) =>
      t.words.every((w, j) => (t.prefix ? list[i + j]?.startsWith(w) === true : list[i + j] === w)),
    );
  return [...words]
    .filter(([, list]) => terms.length > 0 && terms.every((t) => holds(list, t)))
    .map(([id]) => id)
    .sort();
}

describe('the same submissions on both engines', () => {
  const queries = ['暖气', '停车', '小区 停车', '房', '西地', '公交', '学校 接送', '停水', '地铁'];

  it(`finds for each query exactly the submissions whose words hold it (${testEngine})`, async () => {
    const words = new Map<string, string[]>();
    await t.store.write(async (tx) => {
      for (const [i, [title, body]] of corpus.entries()) {
        const id = `sub_same${String(i).padStart(3, '0')}`;
        const indexed = submissionSearchWords(title, body);
        words.set(id, indexed.split(' '));
        await tx.search.index(id, indexed);
      }
    });
    const found: Record<string, string[]> = {};
    const wanted: Record<string, string[]> = {};
    for (const q of queries) {
      const terms = searchTerms(q)!;
      wanted[q] = expected(words, q);
      const all = { limit: 100, offset: 0 };
      const ranked = await t.store.search.page(terms, {}, 'relevance', true, all);
      const recent = await t.store.search.page(terms, {}, 'relevance', false, all);
      expect([...recent].sort(), q).toEqual([...ranked].sort());
      expect(await t.store.search.count(terms, {}), q).toBe(ranked.length);
      found[q] = [...ranked].sort();
    }
    // The corpus exercises every kind of term: words, a phrase, a prefix, and a miss.
    expect(wanted['暖气']!.length).toBe(2);
    expect(wanted['西地']!.length).toBe(1);
    expect(wanted['房']!.length).toBeGreaterThanOrEqual(2);
    expect(wanted['地铁']).toEqual([]);
    expect(found).toEqual(wanted);
  });

  it('counts up to 1,000 and above that lists the most recent first', async () => {
    const ids = Array.from({ length: 1005 }, (_, i) => `sub_many${String(i).padStart(4, '0')}`);
    await t.store.write(async (tx) => {
      for (const id of ids) await tx.search.index(id, '路灯 不亮');
    });
    const terms = searchTerms('路灯')!;
    expect(await t.store.search.count(terms, {})).toBe(1001);
    expect(
      await t.store.search.page(terms, {}, 'relevance', false, { limit: 3, offset: 0 }),
    ).toEqual(ids.slice(-3).reverse());
  });
});
