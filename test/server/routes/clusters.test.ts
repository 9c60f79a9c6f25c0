import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runClustering } from '../../../server/sensemaking/topic-clusters.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const themes = {
  heating: [
    '小区暖气不热屋里只有十三度',
    '供暖温度不达标暖气片冰凉',
    '热力公司供热不足暖气不热',
    '冬季供暖效果差暖气温度低',
    '暖气管网老化供暖不热',
  ],
  wages: [
    '工地老板拖欠农民工工资',
    '公司拖欠工资半年不发',
    '讨薪无门请帮助追讨工资',
    '包工头欠薪跑路工资不发',
    '拖欠工资年底拿不到钱',
  ],
  schools: [
    '孩子上学学位不足',
    '公办学校学位紧张入学难',
    '小学划片入学学位不够',
    '幼儿园学位不足报名难',
    '学区学位紧张孩子上不了学',
  ],
};

async function seedThemes() {
  const ids: Record<string, string[]> = { heating: [], wages: [], schools: [] };
  let n = 0;
  for (const [theme, titles] of Object.entries(themes)) {
    for (const title of titles) {
      n += 1;
      const sub = await publishedSubmission(t, makeUser(t), {
        title,
        body: `${title}，这个问题已经持续很久了，希望有关部门重视并尽快解决。第${n}位网友。`,
      });
      ids[theme]!.push(sub.id);
    }
  }
  return ids;
}

const campaignId = () => t.services.campaigns.get('leadership-board')!.id;

describe('topic clusters', () => {
  it('groups a campaign into readable topics and assigns a new submission at once', async () => {
    const ids = await seedThemes();
    const run = (await runClustering(t.services, campaignId())) as { clusters: number };
    expect(run.clusters).toBeGreaterThanOrEqual(2);
    const list = await t.request('GET', '/api/campaigns/leadership-board/clusters');
    const heating = list.json.items.find((c: { phrases: string[] }) =>
      c.phrases.some((p) => p.includes('暖气') || p.includes('供暖')),
    );
    expect(heating).toBeDefined();
    const detail = await t.request('GET', `/api/clusters/${heating.id}`);
    const members = detail.json.members.map((m: { id: string }) => m.id);
    expect(members.filter((m: string) => ids.heating!.includes(m)).length).toBeGreaterThanOrEqual(
      4,
    );

    const late = await publishedSubmission(t, makeUser(t), {
      title: '暖气不热温度太低',
      body: '暖气不热，屋里温度太低，老人孩子都冻感冒了，请热力公司检修供暖管网。',
    });
    const after = await t.request('GET', `/api/clusters/${heating.id}`);
    expect(after.json.members.map((m: { id: string }) => m.id)).toContain(late.id);
  });

  it('keeps answering while a run computes in its worker; a lock made meanwhile is kept', async () => {
    await seedThemes();
    await runClustering(t.services, campaignId());
    const [first] = (await t.request('GET', '/api/campaigns/leadership-board/clusters')).json.items;
    const members = async () =>
      (await t.request('GET', `/api/clusters/${first.id}`)).json.members
        .map((m: { id: string }) => m.id)
        .sort();
    const before = await members();

    let finished = false;
    const run = runClustering(t.services, campaignId()).then((r) => {
      finished = true;
      return r;
    });
    // The request is answered while the run is still computing: the event loop is free.
    const health = await t.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(finished).toBe(false);
    const locked = await t.request('PATCH', `/api/clusters/${first.id}`, {
      cookie: roleUser(t, 'editor').cookie,
      body: { title: '运行中改名', locked: true },
    });
    expect(locked.status).toBe(200);
    await run;
    const after = (await t.request('GET', `/api/clusters/${first.id}`)).json;
    expect(after.cluster).toMatchObject({ title: '运行中改名', locked: true });
    expect(await members()).toEqual(before);
  });

  it('keeps an editor’s name, lock and pins through a re-run; merges and splits; refuses netizens', async () => {
    await seedThemes();
    await runClustering(t.services, campaignId());
    const editor = roleUser(t, 'editor');
    const list = (await t.request('GET', '/api/campaigns/leadership-board/clusters')).json.items;
    const [first, second] = list;
    expect(
      (
        await t.request('PATCH', `/api/clusters/${first.id}`, {
          cookie: makeUser(t).cookie,
          body: { title: '冬季供暖' },
        })
      ).status,
    ).toBe(403);
    const renamed = await t.request('PATCH', `/api/clusters/${first.id}`, {
      cookie: editor.cookie,
      body: { title: '冬季供暖', locked: true },
    });
    expect(renamed.json.cluster).toMatchObject({ title: '冬季供暖', renamed: true, locked: true });
    const before = (await t.request('GET', `/api/clusters/${first.id}`)).json.members
      .map((m: { id: string }) => m.id)
      .sort();

    await runClustering(t.services, campaignId());
    const again = (await t.request('GET', `/api/clusters/${first.id}`)).json;
    expect(again.cluster.title).toBe('冬季供暖');
    expect(again.members.map((m: { id: string }) => m.id).sort()).toEqual(before);

    const merged = await t.request('POST', `/api/clusters/${first.id}/merge`, {
      cookie: editor.cookie,
      body: { from: [second.id] },
    });
    expect(merged.json.cluster.people).toBe(first.people + second.people);
    expect((await t.request('GET', `/api/clusters/${second.id}`)).status).toBe(404);

    const split = await t.request('POST', `/api/clusters/${first.id}/split`, {
      cookie: editor.cookie,
      body: { members: [before[0]], title: '单独一类' },
    });
    expect(split.status).toBe(201);
    expect(split.json.cluster).toMatchObject({ title: '单独一类', people: 1 });
  });
});
