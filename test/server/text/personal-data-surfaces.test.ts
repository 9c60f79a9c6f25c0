// Personal data written in every way the security test found slipping through (the corpus), put
// into every kind of public text, then read back from every public surface as the public reads
// it: nothing may leak. The author and staff who may see it sealed still read the original.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { makeUser, publishedSubmission, roleUser, type TestUser } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { runClustering } from '../../../server/sensemaking/topic-clusters.ts';
import { evasionText, evasions, leaks, searchForms } from './personal-data-corpus.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const fyp = 'fifteenth-five-year-plan';

/** A 十五五 suggestion (published at once) with the corpus in its title, body and 具体举措. */
async function suggestionWithPersonalData(author: TestUser) {
  const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
    cookie: author.cookie,
    body: {
      title: '建议加强养老服务，请回电１３９１２３４５６７８',
      body: `建议在县城普遍建设社区养老服务中心，提高护理补贴。${evasionText}`,
      topic: 'domestic-demand',
      custom: { level: 'grassroots', measures: `具体举措请联系我。${evasionText}` },
    },
  });
  expect(res.status).toBe(201);
  return res.json.submission as { id: string; ref: string };
}

const maskedCorpus = evasions.map((e) => e.masked).join('');

/** A leadership-board message, published and routed to 许昌市住建局, with an approved reply. */
async function answeredMessage(author: TestUser, replyBody: string) {
  const sub = await publishedSubmission(t, author, {
    title: '电梯坏了三个月没人修',
    body: '我们小区的电梯坏了三个月，物业一直推脱不修，老人上下楼非常困难，请督促维修。',
  });
  const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
  const sent = await t.request('POST', `/api/submissions/${sub.id}/replies`, {
    cookie: handler.cookie,
    body: { body: replyBody },
  });
  expect(sent.status).toBe(201);
  const reviewer = roleUser(t, 'reviewer');
  const replyId = sent.json.drafts.at(-1).id as string;
  const approved = await t.request('POST', `/api/replies/${replyId}/approve`, {
    cookie: reviewer.cookie,
  });
  expect(approved.status).toBe(200);
  return { sub, handler, reviewer };
}

/** Every row of a campaign's dataset in CSV, JSON Lines and XLSX, as one text per format. */
async function exportTexts(slug: string, dataset: string): Promise<string[]> {
  const base = `/api/campaigns/${slug}/exports/${dataset}`;
  const csv = await t.app.request(`${base}?format=csv`);
  expect(csv.status).toBe(200);
  const csvText = await csv.text();
  parse(csvText.replace(/^\uFEFF/, ''), { columns: true }); // well-formed
  const jsonl = await (await t.app.request(`${base}?format=jsonl`)).text();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await (await t.app.request(`${base}?format=xlsx`)).arrayBuffer());
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    for (const v of (row.values as unknown[]).slice(1)) cells.push(String(v ?? ''));
  });
  return [csvText, jsonl, cells.join('\n')];
}

/** Ids of the submissions a search finds, as anyone searching would. */
async function searchHits(q: string): Promise<string[]> {
  const res = await t.request('GET', `/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.json.items.map((i: { submission: { id: string } }) => i.submission.id);
}

describe('personal data on the public surfaces', () => {
  it('masks custom fields for the public and shows the original to the author and staff', async () => {
    const author = makeUser(t);
    const sub = await suggestionWithPersonalData(author);

    const anonymous = (await t.request('GET', `/api/submissions/${sub.id}`)).json.submission;
    const otherNetizen = (
      await t.request('GET', `/api/submissions/${sub.id}`, { cookie: makeUser(t).cookie })
    ).json.submission;
    for (const view of [anonymous, otherNetizen]) {
      expect(leaks(JSON.stringify(view))).toEqual([]);
      expect(view.masked).toBe(true);
      expect(view.custom.level).toBe('grassroots');
      expect(view.custom.measures).toBe(
        `具体举措请联系我。${evasions.map((e) => e.masked).join('')}`,
      );
      expect(view.body).toBe(
        `建议在县城普遍建设社区养老服务中心，提高护理补贴。${evasions.map((e) => e.masked).join('')}`,
      );
    }
    const listed = (await t.request('GET', `/api/campaigns/${fyp}/submissions`)).json.items;
    const item = listed.find((s: { id: string }) => s.id === sub.id);
    expect(item.custom.measures).toBe(anonymous.custom.measures);
    expect(leaks(JSON.stringify(listed))).toEqual([]);

    // Found by its words, never by its personal data in any spelling (the index holds the masked
    // text; it once found a full-width phone number by its ASCII digits).
    const found = await t.request('GET', `/api/search?q=${encodeURIComponent('养老服务中心')}`);
    const hit = found.json.items.find(
      (i: { submission: { id: string } }) => i.submission.id === sub.id,
    );
    expect(leaks(JSON.stringify(hit))).toEqual([]);
    for (const q of searchForms) expect(await searchHits(q), q).not.toContain(sub.id);

    for (const viewer of [author, roleUser(t, 'reviewer'), roleUser(t, 'editor')]) {
      const view = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: viewer.cookie }))
        .json.submission;
      expect(view.custom.measures).toBe(`具体举措请联系我。${evasionText}`);
      expect(view.title).toBe('建议加强养老服务，请回电１３９１２３４５６７８');
      expect(view.masked).toBe(false);
    }
  });

  it('says masked when only a custom field held personal data', async () => {
    const author = makeUser(t);
    const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
      cookie: author.cookie,
      body: {
        title: '建议加强养老服务',
        body: '建议在县城普遍建设社区养老服务中心，提高护理补贴。',
        topic: 'domestic-demand',
        custom: { measures: '请联系我：13912345678，身份证11010519491231002X' },
      },
    });
    expect(res.status).toBe(201);
    const view = (await t.request('GET', `/api/submissions/${res.json.submission.id}`)).json
      .submission;
    expect(view).toMatchObject({
      title: '建议加强养老服务',
      body: '建议在县城普遍建设社区养老服务中心，提高护理补贴。',
      custom: { measures: '请联系我：139****5678，身份证110*************2X' },
      masked: true,
    });
    // Nothing to mask in the title and body: they are stored once, as before.
    const stored = await query(t).get(
      'select title_public as t, body_public as b from submissions where id = ?',
      res.json.submission.id as string,
    );
    expect(stored).toEqual({ t: '', b: '' });
  });

  it('refuses a bad custom field with a stable code and writes nothing', async () => {
    const author = makeUser(t);
    const count = () => query(t).value<number>('select count(*) as n from submissions');
    const before = await count();
    const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
      cookie: author.cookie,
      body: {
        title: '建议加强养老服务',
        body: '建议在县城普遍建设社区养老服务中心，提高护理补贴。',
        topic: 'domestic-demand',
        custom: { measures: `电话13912345678${'很'.repeat(1000)}` },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details.fields['custom.measures']).toBe('at most 1000 characters');
    expect(await count()).toBe(before);
  });

  it('masks an approved unit reply for the public, in search and in the export; its author and staff read it', async () => {
    const author = makeUser(t);
    const replyBody = `已联系留言人核实情况。${evasionText}我局已责成物业于本月底前完成电梯维修。`;
    const { sub, handler, reviewer } = await answeredMessage(author, replyBody);
    const maskedReply = `已联系留言人核实情况。${maskedCorpus}我局已责成物业于本月底前完成电梯维修。`;

    for (const cookie of [undefined, makeUser(t).cookie]) {
      const page = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie })).json;
      expect(page.handling.answers[0]).toMatchObject({ body: maskedReply, masked: true });
      expect(leaks(JSON.stringify(page))).toEqual([]);
      const handling = await t.request('GET', `/api/submissions/${sub.id}/handling`, { cookie });
      expect(handling.json.answers[0].body).toBe(maskedReply);
    }
    for (const viewer of [author, reviewer, handler]) {
      const page = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: viewer.cookie }))
        .json;
      expect(page.handling.answers[0]).toMatchObject({ body: replyBody, masked: false });
    }

    // The reply's words are searchable, its personal data in no spelling.
    expect(await searchHits('电梯维修')).toContain(sub.id);
    for (const q of searchForms) expect(await searchHits(q), q).not.toContain(sub.id);

    for (const text of await exportTexts('leadership-board', 'replies')) {
      expect(text).toContain('我局已责成物业于本月底前完成电梯维修');
      expect(leaks(text)).toEqual([]);
    }
  });

  it('masks a collective reply for everyone but staff: handling view, timeline, export', async () => {
    const author = makeUser(t);
    const sub = await suggestionWithPersonalData(author);
    const owner = roleUser(t, 'owner', 'ndrc');
    const title = '关于养老服务的答复（咨询电话１３９１２３４５６７８）';
    const body = `感谢各位网友的建议。${evasionText}我们将在规划中统筹研究。`;
    const res = await t.request('POST', `/api/campaigns/${fyp}/collective-replies`, {
      cookie: owner.cookie,
      body: { title, body, submissionIds: [sub.id] },
    });
    expect(res.status).toBe(201);

    // The author of one covered submission is answered with everyone else: masked for them too.
    for (const cookie of [undefined, author.cookie, makeUser(t).cookie]) {
      const page = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie })).json;
      expect(page.handling.answers[0]).toMatchObject({
        collectiveTitle: '关于养老服务的答复（咨询电话139****5678）',
        body: `感谢各位网友的建议。${maskedCorpus}我们将在规划中统筹研究。`,
        masked: true,
      });
      const event = page.timeline.find((e: { type: string }) => e.type === 'collective-reply');
      expect(event.data.title).toBe('关于养老服务的答复（咨询电话139****5678）');
      expect(leaks(JSON.stringify(page.handling))).toEqual([]);
      expect(leaks(JSON.stringify(page.timeline))).toEqual([]);
    }
    for (const viewer of [owner, roleUser(t, 'reviewer')]) {
      const page = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: viewer.cookie }))
        .json;
      expect(page.handling.answers[0]).toMatchObject({ collectiveTitle: title, body });
      expect(
        page.timeline.find((e: { type: string }) => e.type === 'collective-reply').data.title,
      ).toBe(title);
    }
    for (const text of await exportTexts(fyp, 'replies')) {
      expect(text).toContain('我们将在规划中统筹研究');
      expect(leaks(text)).toEqual([]);
    }
  });

  it('sends e-mails (and the log sink) masked titles', async () => {
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    await query(t).run(
      'update users set email = ? where id = ?',
      'handler@example.gov.cn',
      handler.id,
    );
    const sub = await publishedSubmission(t, makeUser(t), {
      title: '电话１３９１２３４５６７８魏都区漏水',
      body: `魏都区某小区楼顶漏水严重，请尽快维修。${evasionText}`,
    });
    const mails = await query(t).all<{ subject: string; body: string }>(
      'select subject, body from email_outbox where "to" = ? order by id',
      'handler@example.gov.cn',
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]!.subject).toContain('电话139****5678魏都区漏水');
    expect(leaks(JSON.stringify(mails))).toEqual([]);
    // On the platform the unit handling it reads the original.
    const view = (await t.request('GET', `/api/submissions/${sub.id}`, { cookie: handler.cookie }))
      .json.submission;
    expect(view.title).toBe('电话１３９１２３４５６７８魏都区漏水');
  });

  it('masks cluster labels, the clusters export, the data page, the report and stories', async () => {
    const titles = [
      '加强社区养老服务建设',
      '居家养老服务补贴太低',
      '农村养老院护理人员不足',
      '养老护理人员待遇偏低',
      '社区养老食堂覆盖不够',
      '公办幼儿园学位不足',
      '普惠托育机构收费太高',
      '小学课后服务时间太短',
      '幼儿园入园报名困难',
      '托育补贴标准应当提高',
    ];
    for (const [i, title] of titles.entries()) {
      const res = await t.request('POST', `/api/campaigns/${fyp}/submissions`, {
        cookie: makeUser(t).cookie,
        body: {
          title,
          body: `${title}，这个问题已经持续很久了，希望有关部门重视并尽快解决。${evasions[i]!.text}`,
          topic: 'domestic-demand',
        },
      });
      expect(res.status).toBe(201);
    }
    const campaignId = t.services.campaigns.get(fyp)!.id;
    await runClustering(t.services, campaignId);
    const editor = roleUser(t, 'editor');
    const clusters = (await t.request('GET', `/api/campaigns/${fyp}/clusters`)).json.items;
    expect(clusters.length).toBeGreaterThan(0);
    const renamed = await t.request('PATCH', `/api/clusters/${clusters[0].id}`, {
      cookie: editor.cookie,
      body: { title: '张先生１３９１２３４５６７８的建议' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.cluster.title).toBe('张先生139****5678的建议');

    const listed = (await t.request('GET', `/api/campaigns/${fyp}/clusters`)).json.items;
    expect(listed.map((c: { title: string }) => c.title)).toContain('张先生139****5678的建议');
    expect(leaks(JSON.stringify(listed))).toEqual([]);
    for (const text of await exportTexts(fyp, 'clusters')) {
      expect(text).toContain('张先生139****5678的建议');
      expect(leaks(text)).toEqual([]);
    }
    for (const text of await exportTexts(fyp, 'submissions')) {
      expect(text).toContain('希望有关部门重视并尽快解决');
      expect(leaks(text)).toEqual([]);
    }
    for (const dataset of ['adoptions', 'figures', 'regions'])
      for (const text of await exportTexts(fyp, dataset)) expect(leaks(text)).toEqual([]);

    await refreshFigures(t.services);
    const figures = (await t.request('GET', `/api/figures?campaign=${fyp}`)).json;
    expect(JSON.stringify(figures)).toContain('张先生139****5678的建议');
    expect(leaks(JSON.stringify(figures))).toEqual([]);
    const owner = roleUser(t, 'owner', 'ndrc');
    await t.settle();
    const report = await t.app.request(`/api/campaigns/${fyp}/report?format=html`, {
      headers: { cookie: owner.cookie },
    });
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toContain('张先生139****5678的建议');
    expect(leaks(html)).toEqual([]);

    const story = await t.request('POST', `/api/campaigns/${fyp}/stories`, {
      cookie: editor.cookie,
      body: {
        title: '养老建议的故事：１３９１２３４５６７８',
        body: `网友来信说：${evasionText}`,
        adoptions: [],
      },
    });
    expect(story.status).toBe(201);
    expect(story.json.story.body).toBe(`网友来信说：${evasionText}`); // its editor, as written
    await t.request('PATCH', `/api/stories/${story.json.story.id}`, {
      cookie: editor.cookie,
      body: { published: true },
    });
    const published = (await t.request('GET', `/api/stories?campaign=${fyp}`)).json.items;
    expect(published[0]).toMatchObject({
      title: '养老建议的故事：139****5678',
      body: `网友来信说：${maskedCorpus}`,
    });
    const asEditor = (
      await t.request('GET', `/api/stories?campaign=${fyp}`, { cookie: editor.cookie })
    ).json.items;
    expect(asEditor[0].body).toBe(`网友来信说：${evasionText}`);
  });
});
