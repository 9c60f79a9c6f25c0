// Text withheld after reports (举报) stays withheld on every public surface, not only on its own
// page: clusters, the "similar suggestions" hint, adopted suggestions, open-data exports and the
// campaign report. Staff who read originals elsewhere still read them.
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { runClustering } from '../../../server/sensemaking/topic-clusters.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { adopt, hour, insertSubmission, monday, reply, route } from '../figures/fixture.ts';

let t: TestApp;
afterEach(() => t.close());

/** Words only the reported text contains, so a leak anywhere shows up in the raw response. */
const secret = '辱骂字眼甲乙丙';

/** One report is enough here (threshold 1): the text is held pending review. */
async function hold(kind: 'submissions' | 'replies', id: string) {
  const res = await t.request('POST', `/api/${kind}/${id}/report`, {
    cookie: makeUser(t).cookie,
    body: { reason: 'abuse' },
  });
  expect(res.json).toMatchObject({ hold: 'pending-review' });
}

const raw = async (path: string, cookie?: string) => {
  await t.settle(); // the users a factory is still writing (makeUser)
  const res = await t.app.request(path, cookie ? { headers: { cookie } } : {});
  expect(res.status).toBe(200);
  return res.text();
};

describe('held text on the sensemaking and adoption pages', () => {
  async function seed() {
    t = await createTestApp({ config: { HUIYIN_REPORT_HIDE_THRESHOLD: '1' } });
    const titles = [
      '小区暖气不热屋里只有十三度',
      '供暖温度不达标暖气片冰凉',
      '热力公司供热不足暖气不热',
      '冬季供暖效果差暖气温度低',
      '暖气管网老化供暖不热',
    ];
    const ids: string[] = [];
    for (const [i, title] of titles.entries()) {
      const sub = await publishedSubmission(t, makeUser(t), {
        title: i === 0 ? `${title}${secret}` : title,
        body: `${title}，这个问题已经持续很久了，希望有关部门重视并尽快解决。${i === 0 ? secret : ''}`,
      });
      ids.push(sub.id);
    }
    await runClustering(t.services, t.services.campaigns.get('leadership-board')!.id);
    const clusterId = await query(t).value<string>(
      'select cluster_id from cluster_members where submission_id = ?',
      ids[0]!,
    );
    const editor = roleUser(t, 'editor');
    const pin = await t.request('PATCH', `/api/clusters/${clusterId}`, {
      cookie: editor.cookie,
      body: { representative: ids[0] },
    });
    expect(pin.status).toBe(200);
    return { held: ids[0]!, clusterId, editor };
  }

  it('clusters show neither a held representative nor a held member to the public; editors still read them', async () => {
    const { held, clusterId, editor } = await seed();
    expect(await raw('/api/campaigns/leadership-board/clusters')).toContain(secret);
    const peopleOf = (items: { id: string; people: number }[]) =>
      items.find((c) => c.id === clusterId)!.people;
    const before = peopleOf(
      (await t.request('GET', '/api/campaigns/leadership-board/clusters')).json.items,
    );
    await hold('submissions', held);

    const list = await t.request('GET', '/api/campaigns/leadership-board/clusters');
    expect(JSON.stringify(list.json)).not.toContain(secret);
    const cluster = list.json.items.find((c: { id: string }) => c.id === clusterId);
    // The quote readers see is a shown member's, not an empty card.
    expect(cluster.representative.id).not.toBe(held);
    expect(cluster.representative.title).not.toBe('');
    expect(cluster.people).toBe(before); // still counted: a hold withholds the words, not the voice
    const detail = await t.request('GET', `/api/clusters/${clusterId}`);
    expect(JSON.stringify(detail.json)).not.toContain(secret);
    expect(detail.json.members.find((m: { id: string }) => m.id === held)).toMatchObject({
      title: '',
      body: '',
      hold: 'pending-review',
    });

    expect(await raw(`/api/clusters/${clusterId}`, editor.cookie)).toContain(secret);
  });

  it('the similar-suggestions hint while typing leaves a held text out', async () => {
    const { held } = await seed();
    // The very same words: found as a near-duplicate (not only through the search index).
    const draft = `小区暖气不热屋里只有十三度${secret}\n小区暖气不热屋里只有十三度，这个问题已经持续很久了，希望有关部门重视并尽快解决。${secret}`;
    const similar = (cookie?: string) =>
      t.request(
        'GET',
        `/api/campaigns/leadership-board/similar?text=${encodeURIComponent(draft)}`,
        {
          cookie,
        },
      );
    expect(
      (await similar()).json.items.map((i: { submission: { id: string } }) => i.submission.id),
    ).toContain(held);
    expect((await similar()).json.items[0]).toMatchObject({ nearDuplicate: true });
    await hold('submissions', held);
    const after = await similar(makeUser(t).cookie);
    expect(JSON.stringify(after.json)).not.toContain(secret);
    expect(
      after.json.items.map((i: { submission: { id: string } }) => i.submission.id),
    ).not.toContain(held);
    expect(after.json.items.length).toBeGreaterThan(0); // the others are still suggested
  });

  it('the adopted-suggestions page does not quote a held suggestion, nor a cluster’s held representative', async () => {
    const { held, clusterId } = await seed();
    await adopt(t, [held], 'adopted', t.clock.now());
    await query(t).run(
      `insert into adoptions (id, campaign_id, document_id, clause_id, target_kind, target_id, status, quoted_span, created_by, confirmed_at, updated_at)
       values ('adp_cluster', ?, 'doc_fx', 'cls_fx', 'cluster', ?, 'adopted', '供热管网改造', 'usr_fixture', ?, ?)`,
      t.services.campaigns.get('leadership-board')!.id,
      clusterId,
      t.clock.now(),
      t.clock.now(),
    );
    // The editor ticked every member of the cluster, the held one included.
    await query(t).run(
      "insert into adoption_members (adoption_id, submission_id) select 'adp_cluster', submission_id from cluster_members where cluster_id = ?",
      clusterId,
    );
    expect(await raw('/api/adoptions')).toContain(secret);
    await hold('submissions', held);

    const page = await t.request('GET', '/api/adoptions');
    expect(JSON.stringify(page.json)).not.toContain(secret);
    const direct = page.json.items.find((a: { target: { id: string } }) => a.target.id === held);
    expect(direct.target).toMatchObject({ title: '', text: '', withheld: true });
    const viaCluster = page.json.items.find((a: { id: string }) => a.id === 'adp_cluster');
    expect(viaCluster.target.text).not.toBe(''); // another member's words stand in
    const one = await t.request('GET', `/api/submissions/${held}/adoptions`);
    if (one.status === 200) expect(JSON.stringify(one.json)).not.toContain(secret);
  });
});

describe('held text in open data and the campaign report', () => {
  async function seed() {
    t = await createTestApp({
      now: monday + 10 * 24 * hour,
      config: { HUIYIN_REPORT_HIDE_THRESHOLD: '1' },
    });
    // The fixture's rows name this author; reporting reads the submission with its author.
    await query(t).run(
      "insert into users (id, email, password_hash, display_name, created_at) values ('usr_fixture', 'fixture@example.test', 'x', '网友', ?)",
      monday,
    );
    const heldSub = await insertSubmission(t, { createdAt: monday });
    const shownSub = await insertSubmission(t, { createdAt: monday + hour });
    for (const id of [heldSub, shownSub]) {
      await query(t).run(
        'update submissions set title_public = title_public || ? where id = ?',
        id === heldSub ? secret : '可以公开',
        id,
      );
      await route(t, id, 'henan-xuchang-housing', monday, monday + 5 * 24 * hour);
      await reply(t, id, 'henan-xuchang-housing', monday + 10 * hour, monday + 5 * 24 * hour);
    }
    const replyOf = (id: string) =>
      query(t).value<string>('select id from replies where submission_id = ?', id);
    const [heldReply, shownReply] = [await replyOf(heldSub), await replyOf(shownSub)];
    await query(t).run(
      'update replies set body = body || ? where id = ?',
      `答复${secret}`,
      heldReply,
    );
    await adopt(t, [heldSub], 'adopted', monday + 5 * 24 * hour);
    // Clusters with the held submission as representative, for the report's hot topics.
    await query(t).run(
      `insert into clusters (id, campaign_id, title, phrases, representative_id, locked, created_at, updated_at)
       values ('clu_fx', ?, '供暖', '["供暖"]', ?, 0, ?, ?)`,
      t.services.campaigns.get('leadership-board')!.id,
      heldSub,
      monday,
      monday,
    );
    for (const id of [heldSub, shownSub])
      await query(t).run(
        'insert into cluster_members (cluster_id, submission_id, assigned_at) values (?, ?, ?)',
        'clu_fx',
        id,
        monday,
      );
    await refreshFigures(t.services);
    return { heldSub, shownSub, heldReply, shownReply };
  }

  const csv = async (dataset: string) =>
    parse(
      (await raw(`/api/campaigns/leadership-board/exports/${dataset}?format=csv`)).replace(
        /^\uFEFF/,
        '',
      ),
      {
        columns: true,
      },
    ) as Record<string, string>[];

  it('exports keep the row (it still counts) but not the words of a held submission or reply', async () => {
    const { heldSub, heldReply } = await seed();
    expect(JSON.stringify(await csv('submissions'))).toContain(secret);
    expect(JSON.stringify(await csv('replies'))).toContain(secret);
    await hold('submissions', heldSub);
    await hold('replies', heldReply);

    const subs = await csv('submissions');
    expect(subs).toHaveLength(2);
    expect(JSON.stringify(subs)).not.toContain(secret);
    const heldRow = subs.find((r) => r.title === '')!;
    expect(heldRow).toMatchObject({ title: '', body: '', status: 'published' });
    expect(subs.find((r) => r !== heldRow)!.title).toContain('可以公开');

    const replies = await csv('replies');
    expect(replies).toHaveLength(2);
    expect(JSON.stringify(replies)).not.toContain(secret);
    expect(replies.filter((r) => r.body === '')).toHaveLength(1);
    for (const format of ['jsonl', 'xlsx'])
      expect(
        await raw(`/api/campaigns/leadership-board/exports/submissions?format=${format}`),
      ).not.toContain(secret);
  });

  it('the campaign report quotes no held text', async () => {
    const { heldSub } = await seed();
    const owner = roleUser(t, 'owner', 'huiyin');
    const path = '/api/campaigns/leadership-board/report';
    expect(await raw(path, owner.cookie)).toContain(secret);
    await hold('submissions', heldSub);
    await refreshFigures(t.services);
    const html = await raw(path, owner.cookie);
    expect(html).not.toContain(secret);
    expect(html).toContain('加快老旧小区供热管网改造'); // the adoption itself is still reported
  });
});
