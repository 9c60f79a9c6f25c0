import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../server/ids.ts';
import { NearDuplicates } from '../../../server/sensemaking/near-duplicates.ts';
import { makeUser, probe } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, defaultNow, type TestApp } from '../../support/test-app.ts';

// After a restart a large campaign's near-duplicate index is read back off the event loop (a
// worker thread on SQLite, a cursor on PostgreSQL) and added in slices, so the server keeps
// answering meanwhile; it must come back exactly as it was.

const LETTER =
  '建议取消公务员和事业单位招聘中的35岁年龄限制，让有经验的大龄求职者也有公平竞争的机会，这对稳定就业非常重要。';
const SUBJECTS = ['暖气', '路灯', '公交', '学位', '停车', '噪音', '积水', '电梯', '垃圾', '医保'];

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** Stores what a change of the index owes the database, in a write of its own. */
const stored = (d: NearDuplicates) => ({
  recordTexts: (campaignId: string, items: { submissionId: string; text: string }[]) =>
    d.recordTexts(campaignId, items, (pending) => t.store.write((tx) => pending.store(tx))),
  split: (campaignId: string, id: string) =>
    d.split(campaignId, id, (pending) => t.store.write((tx) => pending.store(tx))),
});

/** 300 submissions in order of arrival; every tenth is a lightly edited copy of the form letter. */
async function seedCampaign(campaignId: string): Promise<{ ids: string[]; split: string }> {
  const s = t.services;
  const author = makeUser(t).id;
  await t.settle();
  const ids: string[] = [];
  const texts: { submissionId: string; text: string }[] = [];
  await s.store.write(async (tx) => {
    for (let i = 0; i < 300; i++) {
      const at = defaultNow - (300 - i) * 60_000;
      const id = newId('sub', at);
      const subject = SUBJECTS[i % SUBJECTS.length]!;
      const body =
        i % 10 === 0
          ? LETTER.replace('非常', i === 150 ? '极为' : ['十分', '特别', '非常', '极其'][i % 4]!)
          : `第${i}号：我家附近的${subject}问题已经持续了${i % 7}个月，${probe}希望${subject}主管部门第${i}次来人查看处理。`;
      const title = i % 10 === 0 ? '取消35岁年龄限制' : `${subject}问题${i}`;
      await tx.submissions.insert({
        id,
        ref: `LB-2026-${String(i + 1).padStart(6, '0')}`,
        campaignId,
        authorId: author,
        kind: 'message',
        title,
        body,
        titlePublic: title,
        bodyPublic: body,
        hasPersonalData: 0,
        regionCode: null,
        addresseeId: null,
        topic: null,
        custom: null,
        customPublic: null,
        showName: 0,
        status: 'published',
        createdAt: at,
        publishedAt: at,
        updatedAt: at,
      });
      ids.push(id);
      texts.push({ submissionId: id, text: `${title}\n${body}` });
    }
  });
  await stored(s.nearDuplicates).recordTexts(campaignId, texts);
  // A reviewer took one copy (worded as no other) out of the form letter's group: it must stay
  // out after a restart, also when a new wording near to both arrives.
  const split = ids[150]!;
  await stored(s.nearDuplicates).split(campaignId, split);
  return { ids, split };
}

describe('near-duplicate index after a restart', () => {
  it('loads a large campaign in the background and comes back exactly as it was', async () => {
    const campaignId = t.services.campaigns.get('leadership-board')!.id;
    const { ids, split } = await seedCampaign(campaignId);
    const before = await t.services.nearDuplicates.groupKeys(campaignId, ids);
    const letterGroup = before.get(ids[0]!)!;
    expect(ids.filter((id) => before.get(id) === letterGroup)).toHaveLength(29);
    expect(before.get(split)).toBe(split);
    const hint = await t.services.nearDuplicates.similar(campaignId, `取消35岁年龄限制\n${LETTER}`);

    const restarted = new NearDuplicates(t.services.store, {
      loadAtOnceUpTo: 50,
      chunk: 64,
      sliceMs: 1,
    });
    // Not loaded yet: the typing hint offers nothing (and starts the load), groups are read
    // from what is stored.
    expect(await restarted.similar(campaignId, `取消35岁年龄限制\n${LETTER}`)).toEqual([]);
    expect(restarted.isReady(campaignId)).toBe(false);
    expect(await restarted.groupKey(campaignId, ids[20]!)).toBe(letterGroup);

    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await restarted.ready([campaignId]);
    counting = false;
    // The event loop ran other work many times while the index loaded.
    expect(turns).toBeGreaterThan(5);

    expect(restarted.isReady(campaignId)).toBe(true);
    expect(await restarted.groupKeys(campaignId, ids)).toEqual(before);
    expect(await restarted.similar(campaignId, `取消35岁年龄限制\n${LETTER}`)).toEqual(hint);

    // A new wording joins the old group under its old key; the split copy stays apart.
    const fresh = newId('sub', defaultNow);
    await query(t).run(
      `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public,
         has_personal_data, show_name, status, support_count, created_at, updated_at)
       select ?, 'LB-2026-000999', campaign_id, author_id, kind, title, body, title_public, body_public,
         0, 0, 'published', 0, ?, ? from submissions where id = ?`,
      fresh,
      defaultNow,
      defaultNow,
      ids[0]!,
    );
    await stored(restarted).recordTexts(campaignId, [
      { submissionId: fresh, text: `取消35岁年龄限制\n${LETTER.replace('非常', '尤其')}` },
    ]);
    expect(await restarted.groupKey(campaignId, fresh)).toBe(letterGroup);
    expect(await restarted.groupKey(campaignId, split)).toBe(split);
    // What is stored agrees with memory.
    expect(
      await query(t).value('select group_id from text_signatures where submission_id = ?', fresh),
    ).toBe(letterGroup);
  });

  it('loads a small campaign at once, so its first typing hint already answers', async () => {
    const campaignId = t.services.campaigns.get('leadership-board')!.id;
    await seedCampaign(campaignId);
    const restarted = new NearDuplicates(t.services.store);
    expect(
      (await restarted.similar(campaignId, `取消35岁年龄限制\n${LETTER}`)).length,
    ).toBeGreaterThan(0);
    expect(restarted.isReady(campaignId)).toBe(true);
  });

  it('puts the index back when the write storing a change fails', async () => {
    const campaignId = t.services.campaigns.get('leadership-board')!.id;
    const { ids } = await seedCampaign(campaignId);
    const d = t.services.nearDuplicates;
    const before = await d.groupKeys(campaignId, ids);
    const fresh = newId('sub', defaultNow);
    await expect(
      d.recordTexts(
        campaignId,
        [{ submissionId: fresh, text: `取消35岁年龄限制\n${LETTER}` }],
        () => Promise.reject(new Error('the write failed')),
      ),
    ).rejects.toThrow('the write failed');
    expect(await d.groupKeys(campaignId, ids)).toEqual(before);
    expect(await d.groupKey(campaignId, fresh)).toBe(fresh);
    // Recorded again, it is stored as if the failure had not happened.
    await stored(d).recordTexts(campaignId, [
      { submissionId: fresh, text: `取消35岁年龄限制\n${LETTER}` },
    ]);
    expect(
      await query(t).value('select group_id from text_signatures where submission_id = ?', fresh),
    ).toBe(before.get(ids[0]!));
  });
});
