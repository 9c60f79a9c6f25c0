import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMatching } from '../../../server/tracing/match-job.ts';
import {
  makeUser,
  probe,
  publishedSubmission,
  roleUser,
  type TestUser,
} from '../../support/factories.ts';
import { query, statementsOf } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

const report = readFileSync('server/demo/policy/gov-work-report-2024.txt', 'utf8');
const childcareClause = '多渠道增加托育服务供给';

let t: TestApp;
let editor: TestUser;
beforeEach(async () => {
  t = await createTestApp();
  editor = roleUser(t, 'editor');
});
afterEach(() => t.close());

const campaignId = () => t.services.campaigns.get('leadership-board')!.id;

async function addReport(text = report, cookie = editor.cookie) {
  return t.request('POST', '/api/policy-documents', {
    cookie,
    body: {
      title: '2024年政府工作报告',
      issuer: '国务院',
      // Dated the day the suggestions are written (the test clock's), so the rule for documents
      // older than a suggestion (adoption-members.test.ts) stays out of these tests.
      issuedOn: '2026-11-21',
      sourceUrl: 'https://www.gov.cn/',
      campaigns: ['leadership-board'],
      text,
    },
  });
}

const childcareLetter =
  '双职工家庭孩子三岁前没人带，公办托育机构太少，民办托育费用每月三四千元，建议多渠道增加普惠托育服务供给，减轻家庭养育负担。';

/** Three people about childcare (two of them sent the same letter), and unrelated voices. */
async function seedSuggestions() {
  const authors = [makeUser(t), makeUser(t), makeUser(t)];
  const childcare = [
    await publishedSubmission(t, authors[0]!, {
      title: '建议增加普惠托育服务',
      body: `${childcareLetter}${probe}`,
    }),
    await publishedSubmission(t, authors[1]!, {
      title: '建议增加普惠托育服务',
      body: `${childcareLetter}${probe}`,
    }),
    await publishedSubmission(t, authors[2]!, {
      title: '托育费用太高了',
      body: '家门口的托育机构收费太高，普通家庭负担不起，希望发展普惠托育，增加托育服务供给。',
    }),
  ];
  for (const title of ['小区暖气不热', '拖欠农民工工资']) {
    await publishedSubmission(t, makeUser(t), {
      title,
      body: `${title}，这个问题已经持续很久了，希望有关部门重视并尽快解决。`,
    });
  }
  return { authors, childcare };
}

async function candidatesOf(docId: string, state = 'proposed') {
  const res = await t.request('GET', `/api/policy-documents/${docId}/candidates?state=${state}`, {
    cookie: editor.cookie,
  });
  expect(res.status).toBe(200);
  return res.json.items as {
    id: number;
    clause: { text: string };
    target: { kind: string; id: string; text: string; people: number };
    phrases: { phrase: string; inClause: [number, number][]; inTarget: [number, number][] }[];
  }[];
}

describe('policy documents', () => {
  it('splits a document into clauses with anchors, hashes and its own numbering', async () => {
    const res = await addReport();
    expect(res.status).toBe(201);
    expect(res.json.document.clauses).toBeGreaterThan(100);
    const doc = await t.request('GET', `/api/policy-documents/${res.json.document.id}`);
    const clause = doc.json.clauses.find((c: { text: string }) => c.text.includes(childcareClause));
    expect(clause.anchor).toMatch(/^p\d+/);
    expect(clause.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(doc.json.clauses.some((c: { label: string }) => c.label.startsWith('一'))).toBe(true);
  });

  it('refuses bad input with a clear code, and those who may not add documents', async () => {
    const bad = await t.request('POST', '/api/policy-documents', {
      cookie: editor.cookie,
      body: { title: 'x', issuer: '国务院', issuedOn: '2024-02-30', campaigns: [], text: 'short' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect(Object.keys(bad.json.error.details.fields)).toEqual(
      expect.arrayContaining(['title', 'issuedOn', 'campaigns', 'text']),
    );
    expect((await addReport(report, makeUser(t).cookie)).json.error.code).toBe('forbidden');
    expect((await addReport(report, '')).json.error.code).toBe('unauthenticated');
    const otherOwner = roleUser(t, 'owner', 'mee');
    expect((await addReport(report, otherOwner.cookie)).json.error.code).toBe('forbidden');
    const owner = roleUser(t, 'owner', 'huiyin');
    expect((await addReport(report, owner.cookie)).status).toBe(201);
    expect(
      (await t.request('GET', '/api/policy-documents')).json.items.map(
        (d: { title: string }) => d.title,
      ),
    ).toEqual(['2024年政府工作报告']);
  });

  it('keeps a confirmed link on the same words when the document is re-imported with an edit elsewhere', async () => {
    const { childcare } = await seedSuggestions();
    const doc = (await addReport()).json.document;
    const before = (await t.request('GET', `/api/policy-documents/${doc.id}`)).json.clauses;
    const clause = before.find((c: { text: string }) => c.text.includes(childcareClause));
    const confirmed = await t.request('POST', '/api/adoptions', {
      cookie: editor.cookie,
      body: {
        clauseId: clause.id,
        target: { kind: 'submission', id: childcare[2]!.ref },
        status: 'adopted',
        quotedSpan: childcareClause,
      },
    });
    expect(confirmed.status).toBe(201);

    // Edit a paragraph far from the childcare clause and insert a new one at the top.
    const edited = report
      .replace('各位代表：', '各位代表：\n这是新插入的一段说明文字，用于检验重新导入。')
      .replace('大力发展科技金融、绿色金融', '大力发展科技金融、绿色金融和转型金融');
    const res = await t.request('PATCH', `/api/policy-documents/${doc.id}`, {
      cookie: editor.cookie,
      body: { text: edited },
    });
    expect(res.status).toBe(200);
    expect(res.json.document.revision).toBe(2);
    expect(res.json.reimport.added).toBeGreaterThanOrEqual(1);
    expect(res.json.reimport.edited).toBeGreaterThanOrEqual(1);
    expect(res.json.reimport.retired).toBe(0);
    const after = (await t.request('GET', `/api/policy-documents/${doc.id}`)).json.clauses;
    const same = after.find((c: { id: string }) => c.id === clause.id);
    expect(same.text).toBe(clause.text);
    expect(same.hash).toBe(clause.hash);
    const beforeAnchors = new Map(
      before.map((c: { id: string; anchor: string }) => [c.id, c.anchor]),
    );
    const keptAnchors = after.filter(
      (c: { id: string; anchor: string }) => beforeAnchors.get(c.id) === c.anchor,
    ).length;
    expect(keptAnchors / before.length).toBeGreaterThan(0.9);
    const adoption = (await t.request('GET', `/api/adoptions/${confirmed.json.adoption.id}`)).json
      .adoption;
    expect(adoption.clause.text).toContain(childcareClause);
    expect(adoption.clause.retired).toBe(false);
  });
});

describe('candidates, confirmation and the echo', () => {
  it('ranks the clause that addresses a suggestion, with shared phrases on both sides', async () => {
    const { childcare } = await seedSuggestions();
    const doc = (await addReport()).json.document;
    await runMatching(t.services, campaignId(), doc.id);
    const items = await candidatesOf(doc.id);
    const forChildcare = items.filter(
      (c) => c.target.kind === 'submission' && childcare.some((s) => s.id === c.target.id),
    );
    expect(forChildcare.length).toBeGreaterThan(0);
    // The best candidate of a childcare suggestion is the childcare clause.
    const best = forChildcare[0]!;
    expect(best.clause.text).toContain('托育');
    const shared = best.phrases.find((p) => p.phrase.includes('托育'))!;
    const [a, b] = shared.inClause[0]!;
    expect(best.clause.text.slice(a, b)).toContain('托育');
    const [x, y] = shared.inTarget[0]!;
    expect(best.target.text.slice(x, y)).toContain('托育');
    // A page of candidates costs a fixed few statements, not some per candidate.
    expect(items.length).toBeGreaterThan(5);
    expect(await statementsOf(t, () => candidatesOf(doc.id))).toBeLessThanOrEqual(7);
  });

  it('confirming a cluster tells every chosen author, form letters included, once each', async () => {
    const { authors, childcare } = await seedSuggestions();
    // An editor's cluster of the childcare voices: the form letter's first sender and the third.
    const clusterId = 'clu_childcare';
    const now = t.clock.now();
    await query(t).run(
      "insert into clusters (id, campaign_id, phrases, title, representative_id, created_at, updated_at) values (?, ?, '[]', '普惠托育', ?, ?, ?)",
      clusterId,
      campaignId(),
      childcare[2]!.id,
      now,
      now,
    );
    for (const member of [childcare[0]!, childcare[2]!])
      await query(t).run(
        'insert into cluster_members (submission_id, cluster_id, pinned, assigned_at) values (?, ?, 1, ?)',
        member.id,
        clusterId,
        now,
      );
    const doc = (await addReport()).json.document;
    await runMatching(t.services, campaignId(), doc.id);
    const candidate = (await candidatesOf(doc.id)).find(
      (c) =>
        c.target.kind === 'cluster' && c.target.id === clusterId && c.clause.text.includes('托育'),
    );
    expect(candidate).toBeDefined();

    const wrongSpan = await t.request('POST', '/api/adoptions', {
      cookie: editor.cookie,
      body: { candidateId: candidate!.id, status: 'adopted', quotedSpan: '完全不在条文里的话' },
    });
    expect(wrongSpan.json.error.code).toBe('span_not_in_clause');
    const netizen = await t.request('POST', '/api/adoptions', {
      cookie: authors[0]!.cookie,
      body: { candidateId: candidate!.id, status: 'adopted', quotedSpan: childcareClause },
    });
    expect(netizen.json.error.code).toBe('forbidden');

    const res = await t.request('POST', '/api/adoptions', {
      cookie: editor.cookie,
      body: {
        candidateId: candidate!.id,
        status: 'partially_adopted',
        quotedSpan: childcareClause,
        note: '纳入报告“多渠道增加托育服务供给”的表述',
        // The editor ticks every member, the form letter's second sender included.
        memberIds: childcare.map((s) => s.id),
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.adoption.target.people).toBe(3);
    expect(res.json.notified).toBe(3);
    // Confirming the same candidate again is a conflict, not a second echo.
    const again = await t.request('POST', '/api/adoptions', {
      cookie: editor.cookie,
      body: {
        candidateId: candidate!.id,
        status: 'adopted',
        quotedSpan: childcareClause,
        memberIds: [childcare[0]!.id],
      },
    });
    expect(again.status).toBe(409);

    for (const [i, author] of authors.entries()) {
      const inbox = await t.request('GET', '/api/notifications', { cookie: author.cookie });
      const adopted = inbox.json.items.filter((n: { type: string }) => n.type === 'adopted');
      expect(adopted).toHaveLength(1);
      expect(adopted[0].data.document).toBe('2024年政府工作报告');
      expect(adopted[0].data.quote).toBe(childcareClause);
      expect(adopted[0].data.status).toBe('partially_adopted');
      const page = await t.request('GET', `/api/submissions/${childcare[i]!.id}`);
      expect(page.json.adoptions[0].clause.text).toContain(childcareClause);
      expect(page.json.timeline.map((e: { type: string }) => e.type)).toContain('adopted');
    }
    // The cluster is locked: a re-run cannot dissolve what was adopted.
    expect(await query(t).value('select locked from clusters where id = ?', clusterId)).toBe(1);

    // A status change reaches the authors too; the audit log keeps both steps.
    await t.request('PATCH', `/api/adoptions/${res.json.adoption.id}`, {
      cookie: editor.cookie,
      body: { status: 'implemented' },
    });
    const inbox = await t.request('GET', '/api/notifications', { cookie: authors[1]!.cookie });
    expect(inbox.json.items[0].data.status).toBe('implemented');
    const detail = await t.request('GET', `/api/adoptions/${res.json.adoption.id}`, {
      cookie: editor.cookie,
    });
    expect(detail.json.events.map((e: { type: string }) => e.type)).toEqual([
      'confirmed',
      'updated',
    ]);
    expect((await t.request('GET', `/api/adoptions/${res.json.adoption.id}`)).json.events).toBe(
      null,
    );
  });

  it('remembers a rejected candidate and never proposes it again', async () => {
    await seedSuggestions();
    const doc = (await addReport()).json.document;
    await runMatching(t.services, campaignId(), doc.id);
    const first = (await candidatesOf(doc.id))[0]!;
    const res = await t.request('POST', `/api/adoption-candidates/${first.id}/reject`, {
      cookie: editor.cookie,
    });
    expect(res.status).toBe(200);
    await runMatching(t.services, campaignId(), doc.id);
    const proposed = await candidatesOf(doc.id);
    expect(
      proposed.some((c) => c.clause.text === first.clause.text && c.target.id === first.target.id),
    ).toBe(false);
    expect((await candidatesOf(doc.id, 'rejected')).map((c) => c.id)).toEqual([first.id]);
    const twice = await t.request('POST', `/api/adoption-candidates/${first.id}/reject`, {
      cookie: editor.cookie,
    });
    expect(twice.json.error.code).toBe('invalid_transition');
  });
});

describe('progress, stories and the public adopted list', () => {
  it('shows milestones, publishes stories and lists adoptions for the public', async () => {
    const { childcare } = await seedSuggestions();
    const doc = (await addReport()).json.document;
    const clause = (await t.request('GET', `/api/policy-documents/${doc.id}`)).json.clauses.find(
      (c: { text: string; leaf: boolean }) => c.leaf && c.text.includes(childcareClause),
    );
    const adoption = (
      await t.request('POST', '/api/adoptions', {
        cookie: editor.cookie,
        body: {
          clauseId: clause.id,
          target: { kind: 'submission', id: childcare[0]!.id },
          status: 'adopted',
          quotedSpan: childcareClause,
        },
      })
    ).json.adoption;
    expect(adoption.target.people).toBe(2); // the form letter's two senders

    const bad = await t.request('POST', `/api/adoptions/${adoption.id}/milestones`, {
      cookie: editor.cookie,
      body: { title: '出台实施方案', occurredOn: '2024-13-01', percent: 130 },
    });
    expect(bad.status).toBe(400);
    const milestone = await t.request('POST', `/api/adoptions/${adoption.id}/milestones`, {
      cookie: editor.cookie,
      body: { title: '出台普惠托育实施方案', occurredOn: '2024-06-01', percent: 40 },
    });
    expect(milestone.status).toBe(201);
    expect(milestone.json.adoption.progress).toBe(40);

    const story = await t.request('POST', '/api/campaigns/leadership-board/stories', {
      cookie: editor.cookie,
      body: {
        title: `从“金点子”到“金钥匙”${probe}`,
        body: '三位家长关于普惠托育的建议写进了政府工作报告。',
        adoptions: [adoption.id],
      },
    });
    expect(story.status).toBe(201);
    const publicBefore = await t.request('GET', '/api/stories?campaign=leadership-board');
    expect(publicBefore.json.items).toHaveLength(0);
    await t.request('PATCH', `/api/stories/${story.json.story.id}`, {
      cookie: editor.cookie,
      body: { published: true },
    });
    const stories = (await t.request('GET', '/api/stories?campaign=leadership-board')).json.items;
    expect(stories).toHaveLength(1);
    expect(stories[0].title).toContain(probe); // stored as written; the web app shows it as text
    expect(stories[0].adoptions[0].clause.text).toContain(childcareClause);

    const list = (await t.request('GET', '/api/adoptions?campaign=leadership-board')).json.items;
    expect(list).toHaveLength(1);
    expect(list[0].target.title).toContain('托育');
    expect(list[0].clause.text).toContain(childcareClause);
    expect(list[0].milestones.map((m: { title: string }) => m.title)).toEqual([
      '出台普惠托育实施方案',
    ]);

    // Withdrawn: gone from the public list, the pair not proposed again, authors told.
    await t.request('POST', `/api/adoptions/${adoption.id}/withdraw`, {
      cookie: editor.cookie,
      body: { reason: '误关联' },
    });
    expect((await t.request('GET', '/api/adoptions')).json.items).toHaveLength(0);
    const page = await t.request('GET', `/api/submissions/${childcare[1]!.id}`);
    expect(page.json.adoptions).toHaveLength(0);
    expect(page.json.timeline.map((e: { type: string }) => e.type)).toContain('adoption-withdrawn');
  });

  it('costs the same few statements for a page of two adoptions or of many', async () => {
    const { childcare } = await seedSuggestions();
    const doc = (await addReport()).json.document;
    const clause = (await t.request('GET', `/api/policy-documents/${doc.id}`)).json.clauses.find(
      (c: { text: string; leaf: boolean }) => c.leaf && c.text.includes(childcareClause),
    );
    const link = async (id: string) => {
      const res = await t.request('POST', '/api/adoptions', {
        cookie: editor.cookie,
        body: {
          clauseId: clause.id,
          target: { kind: 'submission', id },
          status: 'adopted',
          quotedSpan: childcareClause,
        },
      });
      expect(res.status).toBe(201);
      return res.json.adoption.id as string;
    };
    const story = async (adoptions: string[]) => {
      const res = await t.request('POST', '/api/campaigns/leadership-board/stories', {
        cookie: editor.cookie,
        body: {
          title: '托育建议写进报告',
          body: '家长们关于普惠托育的建议写进了报告。',
          adoptions,
        },
      });
      await t.request('PATCH', `/api/stories/${res.json.story.id}`, {
        cookie: editor.cookie,
        body: { published: true },
      });
    };
    const pages = async () => ({
      adopted: await statementsOf(t, () => t.request('GET', '/api/adoptions')),
      stories: await statementsOf(t, () => t.request('GET', '/api/stories')),
    });
    // Both kinds of target from the start: a cluster (seen through its adoption) and a submission.
    const two = [await link(childcare[2]!.id), await link(childcare[0]!.id)];
    await query(t).run(
      "update adoptions set target_kind = 'cluster', target_id = 'clu_gone' where id = ?",
      two[0]!,
    );
    await story(two);
    const few = await pages();
    const more: string[] = [];
    for (const title of ['小区暖气不热', '拖欠农民工工资']) {
      const id = await query(t).value<string>('select id from submissions where title = ?', title);
      more.push(await link(id));
    }
    await t.request('POST', `/api/adoptions/${more[0]}/milestones`, {
      cookie: editor.cookie,
      body: { title: '出台普惠托育实施方案', occurredOn: '2024-06-01', percent: 40 },
    });
    await story(more);
    const many = await pages();
    expect((await t.request('GET', '/api/adoptions')).json.items).toHaveLength(4);
    expect((await t.request('GET', '/api/stories')).json.items).toHaveLength(2);
    expect(many).toEqual(few);
    expect(many.adopted).toBeLessThanOrEqual(6);
    expect(many.stories).toBeLessThanOrEqual(8);
  });
});
