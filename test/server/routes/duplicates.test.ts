import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const letter =
  '建议取消公务员和事业单位招聘中的35岁年龄限制，让有经验的大龄求职者也有公平竞争的机会，这对稳定就业非常重要。';

async function formLetters() {
  const a = await publishedSubmission(t, makeUser(t), { title: '取消35岁年龄限制', body: letter });
  const b = await publishedSubmission(t, makeUser(t), {
    title: '取消35岁年龄限制',
    body: letter.replace('非常重要', '十分重要'),
  });
  const c = await publishedSubmission(t, makeUser(t), {
    title: '取消35歲年齡限制',
    body: '建議取消公務員和事業單位招聘中的35歲年齡限制，讓有經驗的大齡求職者也有公平競爭的機會，這對穩定就業非常重要。',
  });
  const other = await publishedSubmission(t, makeUser(t), {
    title: '小区暖气不热',
    body: '入冬以来暖气一直不热，屋里只有十三度，老人孩子受不了。',
  });
  return { a, b, c, other };
}

describe('form letters and near-duplicates', () => {
  it('counts near-identical texts (edits, Traditional script) as one voice of weight N', async () => {
    const { a, other } = await formLetters();
    const page = await t.request('GET', '/api/campaigns/leadership-board/submissions');
    expect(
      page.json.items.map((s: { id: string; sameText: number }) => [s.id, s.sameText]).sort(),
    ).toEqual(
      [
        [a.id, 3],
        [other.id, 1],
      ].sort(),
    );
    expect(page.json.total).toBe(2);
    expect((await t.request('GET', `/api/submissions/${a.id}`)).json.submission.sameText).toBe(3);
  });

  it('shows a writer the similar submissions while they type, the near-duplicate first', async () => {
    const { a } = await formLetters();
    const res = await t.request(
      'GET',
      `/api/campaigns/leadership-board/similar?text=${encodeURIComponent(letter)}`,
    );
    expect(res.json.items[0]).toMatchObject({ nearDuplicate: true });
    // The form letter of three is offered once (its first), with its weight: one voice, one card.
    const ids = res.json.items.map((i: { submission: { id: string } }) => i.submission.id);
    expect(ids[0]).toBe(a.id);
    expect(res.json.items[0].submission.sameText).toBe(3);
    expect(res.json.items.filter((i: { nearDuplicate: boolean }) => i.nearDuplicate)).toHaveLength(
      1,
    );
    const related = await t.request(
      'GET',
      `/api/campaigns/leadership-board/similar?text=${encodeURIComponent('暖气不热怎么办')}`,
    );
    expect(related.json.items[0].nearDuplicate).toBe(false);
    expect(related.json.items[0].submission.title).toBe('小区暖气不热');
  });

  it('lets a reviewer split one out of its group; it is then its own voice', async () => {
    const { a, c } = await formLetters();
    const reviewer = roleUser(t, 'reviewer');
    const group = await t.request('GET', `/api/submissions/${a.id}/duplicates`, {
      cookie: reviewer.cookie,
    });
    expect(group.json.members).toHaveLength(3);
    expect(
      (
        await t.request('POST', `/api/submissions/${c.id}/split-duplicate`, {
          cookie: makeUser(t).cookie,
        })
      ).status,
    ).toBe(403);
    const split = await t.request('POST', `/api/submissions/${c.id}/split-duplicate`, {
      cookie: reviewer.cookie,
    });
    expect(split.json.sameText).toBe(1);
    const page = await t.request('GET', '/api/campaigns/leadership-board/submissions');
    expect(page.json.total).toBe(3);
    expect(page.json.items.find((s: { id: string }) => s.id === a.id).sameText).toBe(2);
  });
});
