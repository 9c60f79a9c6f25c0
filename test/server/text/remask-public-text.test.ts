// A live database written before the masking pass caught these forms: its stored public copies,
// search index, cluster labels and outbox hold personal data in clear. The first start-up of the
// new version must stop every one of those leaks before it answers anyone, and only once.
import { query } from '../../support/sql.ts';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../server/config.ts';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { submissionSearchWords } from '../../../server/search/search-words.ts';
import { prepareApp } from '../../../server/start.ts';
import { maskingVersion } from '../../../server/search/remask-public-text.ts';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { evasionText, leaks, searchForms } from './personal-data-corpus.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
// The test closes the app's store itself (to start the server again on the same database);
// closing the test app then only gives the database back.
afterEach(() => t.close());

const fyp = 'fifteenth-five-year-plan';
const leakyTitle = '养老服务建议，电话１３９１２３４５６７８';
const leakyReply = `已联系留言人（${evasionText}），我局已责成物业于本月底前完成电梯维修。`;

/** Puts the database in the state the previous version left it: every copy made by the old pass. */
async function asTheOldVersionLeftIt() {
  const sql = query(t);
  const suggestion = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
    cookie: makeUser(t).cookie,
    body: {
      title: leakyTitle,
      body: `建议在县城普遍建设社区养老服务中心。${evasionText}`,
      topic: 'domestic-demand',
      custom: { level: 'grassroots', measures: `具体举措请联系我。${evasionText}` },
    },
  });
  expect(suggestion.status).toBe(201);
  const fypId = suggestion.json.submission.id as string;
  const message = await publishedSubmission(t, makeUser(t), {
    title: '电梯坏了三个月没人修',
    body: '我们小区的电梯坏了三个月，物业一直推脱不修，老人上下楼非常困难，请督促维修。',
  });
  const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
  const sent = await t.request('POST', `/api/submissions/${message.id}/replies`, {
    cookie: handler.cookie,
    body: { body: leakyReply },
  });
  await t.request('POST', `/api/replies/${sent.json.drafts.at(-1).id}/approve`, {
    cookie: roleUser(t, 'reviewer').cookie,
  });

  // The old pass found none of the corpus: no public copies, the original was the public text.
  await sql.run(
    "update submissions set title_public = '', body_public = '', custom_public = null, has_personal_data = 0",
  );
  // …and indexed the words in clear, the reply's too.
  for (const id of [fypId, message.id]) {
    const row = (await sql.get<{ title: string; body: string }>(
      'select title, body from submissions where id = ?',
      id,
    ))!;
    const replies = await sql.column<string>(
      "select body from replies where submission_id = ? and state = 'approved'",
      id,
    );
    const words = submissionSearchWords(row.title, row.body, replies);
    await t.store.write((tx) => tx.search.index(id, words));
  }
  // An editor's name for a cluster, copied into the figures snapshot, and an e-mail not yet sent.
  const now = t.clock.now();
  await sql.run(
    'insert into clusters (id, campaign_id, phrases, title, representative_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    'clu_old',
    t.services.campaigns.get(fyp)!.id,
    JSON.stringify(['养老', '13912345678']),
    '张先生１３９１２３４５６７８的建议',
    fypId,
    now,
    now,
  );
  await sql.run(
    'insert into cluster_members (submission_id, cluster_id, pinned, assigned_at) values (?, ?, 0, ?)',
    fypId,
    'clu_old',
    now,
  );
  await refreshFigures(t.services);
  await sql.run(
    'insert into email_outbox ("to", subject, body, created_at) values (?, ?, ?, ?)',
    'handler@example.gov.cn',
    `【回音】新交办留言：${leakyTitle}`,
    evasionText,
    now,
  );
  await sql.run('delete from data_upgrades');
  return { fypId, messageId: message.id };
}

async function anonymousSurfaces(app: TestApp['app'], ids: { fypId: string; messageId: string }) {
  const texts: string[] = [];
  for (const path of [
    `/api/submissions/${ids.fypId}`,
    `/api/submissions/${ids.messageId}`,
    `/api/campaigns/${fyp}/submissions`,
    `/api/campaigns/${fyp}/clusters`,
    `/api/figures?campaign=${fyp}`,
    `/api/campaigns/${fyp}/exports/submissions?format=csv`,
    `/api/campaigns/leadership-board/exports/replies?format=csv`,
    `/api/campaigns/${fyp}/exports/clusters?format=csv`,
  ]) {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    texts.push(await res.text());
  }
  const found: string[] = [];
  for (const q of searchForms) {
    const res = await app.request(`/api/search?q=${encodeURIComponent(q)}`);
    const items = ((await res.json()) as { items: { submission: { id: string } }[] }).items;
    for (const i of items)
      if (i.submission.id === ids.fypId || i.submission.id === ids.messageId) found.push(q);
  }
  return { leaks: leaks(texts.join('\n')), found };
}

describe('start-up re-masks what an earlier masking pass stored', () => {
  it('stops a live database leaking, once, before answering anyone', async () => {
    const ids = await asTheOldVersionLeftIt();
    const before = await anonymousSurfaces(t.app, ids);
    expect(before.leaks.length).toBeGreaterThan(0); // the leak is real
    expect(before.found.length).toBeGreaterThan(0);
    await t.services.sensemaking.stop();
    await t.services.store.close();

    const config = testConfig({
      HUIYIN_DB: t.config.HUIYIN_DB,
      HUIYIN_DATABASE_URL: t.config.HUIYIN_DATABASE_URL,
      HUIYIN_REQUEST_LOG: '0',
      HUIYIN_WEB_DIST: join(t.dir, 'none'),
    });
    const upgraded = await prepareApp(config, t.clock);
    expect(upgraded.remasked).toMatchObject({
      version: maskingVersion,
      submissions: 1, // the suggestion (the message's title and body have nothing to mask)
      clusters: 1,
      hotTopics: 1,
      emails: 1,
      reindexed: 2, // the suggestion, and the message for its reply
    });
    const after = await anonymousSurfaces(upgraded.app, ids);
    expect(after).toEqual({ leaks: [], found: [] });
    const mail = await query(upgraded).value(
      'select subject from email_outbox where sent_at is null',
    );
    expect(mail).toBe('【回音】新交办留言：养老服务建议，电话139****5678');
    const detail = (await (await upgraded.app.request(`/api/submissions/${ids.fypId}`)).json()) as {
      submission: { masked: boolean; custom: { measures: string } };
    };
    expect(detail.submission.masked).toBe(true);
    expect(detail.submission.custom.measures).toContain('电话139****5678，');
    // Ordinary words are still found.
    const found = (await (
      await upgraded.app.request(`/api/search?q=${encodeURIComponent('电梯维修')}`)
    ).json()) as { items: { submission: { id: string } }[] };
    expect(found.items.map((i) => i.submission.id)).toContain(ids.messageId);
    await upgraded.services.sensemaking.stop();
    await upgraded.services.store.close();

    // Done once: the next start-up has nothing to do.
    const again = await prepareApp(config, t.clock);
    expect(again.remasked).toBeNull();
    await again.services.sensemaking.stop();
    await again.services.store.close();
  });
});
