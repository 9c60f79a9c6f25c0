import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../server/ids.ts';
import { registerJobs } from '../../../server/jobs/register-jobs.ts';
import { startJobRunner } from '../../../server/jobs/job-runner.ts';
import { runClustering } from '../../../server/sensemaking/topic-clusters.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { query, statementsOf } from '../../support/sql.ts';
import { createTestApp, defaultNow, type TestApp } from '../../support/test-app.ts';

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

let stored = 0;

/** A cluster of `size` published members, stored as a run leaves it (no texts to cluster). */
async function storedCluster(size: number): Promise<{ id: string; members: string[] }> {
  const author = makeUser(t).id;
  await t.settle();
  const id = newId('clu', defaultNow);
  const members: string[] = [];
  await t.store.write(async (tx) => {
    for (let i = 0; i < size; i++) {
      const at = defaultNow - (size - i) * 60_000;
      const sub = newId('sub', at);
      stored += 1;
      const title = `第${i}条意见`;
      const body = `关于第${i}个小区的供暖问题，第${i}位居民反映屋里温度只有${10 + (i % 5)}度。`;
      await tx.submissions.insert({
        id: sub,
        ref: `LB-2026-${String(900000 + stored).padStart(6, '0')}`,
        campaignId: campaignId(),
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
      members.push(sub);
    }
    await tx.clusters.insertFromRun({
      id,
      campaignId: campaignId(),
      phrases: JSON.stringify(['供暖', '温度']),
      representativeId: members[0]!,
      locked: false,
      createdAt: defaultNow,
    });
    await tx.clusters.addMembers(id, members, defaultNow);
  });
  return { id, members };
}

describe('cluster pages', () => {
  it('costs a fixed number of statements: a page of 50 members at most 10', async () => {
    const small = await storedCluster(1);
    const large = await storedCluster(60);
    // The representative is withheld after reports: a member stands in for it.
    await query(t).run(
      `insert into content_holds (target_kind, target_id, submission_id, state, at)
       values ('submission', ?, ?, 'pending-review', ?)`,
      large.members[0]!,
      large.members[0]!,
      defaultNow,
    );
    let page: Awaited<ReturnType<TestApp['request']>> | undefined;
    const cost = await statementsOf(t, async () => {
      page = await t.request('GET', `/api/clusters/${large.id}`);
    });
    expect(page!.status).toBe(200);
    expect(page!.json.members).toHaveLength(50);
    expect(page!.json.total).toBe(60);
    expect(page!.json.cluster.representative.id).not.toBe(large.members[0]);
    expect(cost).toBeLessThanOrEqual(10);
    const one = await statementsOf(t, () => t.request('GET', `/api/clusters/${small.id}`));
    expect(cost).toBeLessThanOrEqual(one + 2); // the stand-in's two reads
    // A campaign's list costs the same whatever the number of clusters.
    const list = await statementsOf(t, () =>
      t.request('GET', '/api/campaigns/leadership-board/clusters'),
    );
    expect(list).toBeLessThanOrEqual(8);
  });
});

describe('the clusters’ audit trail', () => {
  it('records every curation with who did it, in what role; curators read it', async () => {
    const a = await storedCluster(4);
    const b = await storedCluster(3);
    const editor = roleUser(t, 'editor');
    const owner = roleUser(t, 'owner', 'huiyin');
    const events = async (id: string, cookie = editor.cookie) =>
      (await t.request('GET', `/api/clusters/${id}/events`, { cookie })).json.items as {
        type: string;
        clusterId: string | null;
        actor: { id: string; role: string; name: string };
        data: Record<string, unknown> | null;
      }[];

    const changes = [
      { body: { title: '冬季供暖' }, type: 'renamed' },
      { body: { locked: true }, type: 'locked' },
      { body: { locked: false }, type: 'unlocked' },
      { body: { representative: a.members[2] }, type: 'representative-pinned' },
    ];
    for (const change of changes) {
      const res = await t.request('PATCH', `/api/clusters/${a.id}`, {
        cookie: editor.cookie,
        body: change.body,
      });
      expect(res.status).toBe(200);
      expect((await events(a.id)).at(-1)).toMatchObject({
        type: change.type,
        clusterId: a.id,
        actor: { id: editor.id, role: 'editor' },
      });
    }
    expect((await events(a.id))[0]!.data).toEqual({ title: '冬季供暖' });
    // A refused change leaves nothing.
    const refused = await t.request('PATCH', `/api/clusters/${a.id}`, {
      cookie: editor.cookie,
      body: { title: '不会留下', representative: 'sub_nobody' },
    });
    expect(refused.status).toBe(400);
    expect(await events(a.id)).toHaveLength(4);

    const merged = await t.request('POST', `/api/clusters/${a.id}/merge`, {
      cookie: editor.cookie,
      body: { from: [b.id] },
    });
    expect(merged.status).toBe(200);
    expect((await events(a.id)).at(-1)).toMatchObject({ type: 'merged', data: { from: [b.id] } });
    // The merged cluster is gone from lists, its trail stays.
    expect((await events(b.id)).at(-1)).toMatchObject({
      type: 'merged-into',
      data: { into: a.id },
    });

    const split = await t.request('POST', `/api/clusters/${a.id}/split`, {
      cookie: editor.cookie,
      body: { members: [b.members[0]], title: '单独一类' },
    });
    expect(split.status).toBe(201);
    const created = split.json.cluster.id as string;
    expect((await events(a.id)).at(-1)).toMatchObject({
      type: 'split',
      data: { into: created, members: [b.members[0]] },
    });
    expect(await events(created)).toMatchObject([
      { type: 'split-off', clusterId: created, data: { from: a.id, title: '单独一类' } },
    ]);

    registerJobs();
    const runner = startJobRunner(t.services);
    const run = await t.request('POST', '/api/campaigns/leadership-board/clusters/run', {
      cookie: owner.cookie,
    });
    expect(run.status).toBe(202);
    await runner.drain();
    runner.stop();
    // A re-run concerns the whole campaign: every cluster's trail shows it, with the owner.
    expect((await events(created)).at(-1)).toMatchObject({
      type: 'run-requested',
      clusterId: null,
      actor: { id: owner.id, role: 'owner' },
      data: { job: run.json.job },
    });

    // Read by the same people who curate: not by netizens, nor by reviewers.
    expect(
      (await t.request('GET', `/api/clusters/${a.id}/events`, { cookie: makeUser(t).cookie }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request('GET', `/api/clusters/${a.id}/events`, {
          cookie: roleUser(t, 'reviewer').cookie,
        })
      ).status,
    ).toBe(403);
    expect((await t.request('GET', `/api/clusters/${a.id}/events`)).status).toBe(401);
    expect((await events(a.id, owner.cookie)).length).toBeGreaterThan(0);
    expect(
      (await t.request('GET', '/api/clusters/clu_nothing/events', { cookie: editor.cookie }))
        .status,
    ).toBe(404);
  });
});
