// Issue 14: confirming a candidate that targets a topic cluster must adopt only the suggestions the
// editor ticks. A cluster can mix unrelated voices; an unticked author is linked to nothing, hears
// nothing and is counted nowhere. Members can be added or removed later with the same echo, and a
// document dated before a suggestion was written needs the editor's explanation.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import {
  makeUser,
  probe,
  publishedSubmission,
  roleUser,
  type TestUser,
} from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

const report = readFileSync('server/demo/policy/gov-work-report-2024.txt', 'utf8');
const childcareClause = '多渠道增加托育服务供给';
const childcareLetter =
  '双职工家庭孩子三岁前没人带，公办托育机构太少，民办托育费用每月三四千元，建议多渠道增加普惠托育服务供给，减轻家庭养育负担。';
/** The test clock's China day: a document of this date is not older than the suggestions. */
const today = '2026-11-21';

let t: TestApp;
let editor: TestUser;
beforeEach(async () => {
  t = await createTestApp();
  editor = roleUser(t, 'editor');
});
afterEach(() => t.close());

const campaignId = () => t.services.campaigns.get('leadership-board')!.id;
const count = (sql: string) => query(t).value<number>(sql);

/** Proposes a candidate between a cluster and a clause, as matching would; returns its id. */
async function proposeCandidate(documentId: string, clauseId: string, clusterId: string) {
  await query(t).run(
    `insert into adoption_candidates (document_id, clause_id, campaign_id, target_kind, target_id, score, phrases, state, computed_at)
     values (?, ?, ?, 'cluster', ?, 0.5, '[]', 'proposed', ?)`,
    documentId,
    clauseId,
    campaignId(),
    clusterId,
    t.clock.now(),
  );
  return query(t).value<number>(
    "select id from adoption_candidates where clause_id = ? and target_kind = 'cluster' and target_id = ?",
    clauseId,
    clusterId,
  );
}

/**
 * The walkthrough's harm in small: a machine cluster holding three childcare voices (two of them
 * one form letter, only one of which the cluster holds) beside two unrelated ones, a document
 * feeding the campaign, and the matching's candidate between the cluster and the childcare clause.
 */
async function mixedCluster(issuedOn = today) {
  const [mum, dad, gran, cold, unpaid] = [1, 2, 3, 4, 5].map(() => makeUser(t));
  const letter = { title: '建议增加普惠托育服务', body: `${childcareLetter}${probe}` };
  const childcare = [
    await publishedSubmission(t, mum!, letter),
    await publishedSubmission(t, dad!, letter),
    await publishedSubmission(t, gran!, {
      title: '托育费用太高了',
      body: '家门口的托育机构收费太高，普通家庭负担不起，希望发展普惠托育，增加托育服务供给。',
    }),
  ];
  const heating = await publishedSubmission(t, cold!, {
    title: `暖气不热13812345678${probe}`,
    body: '入冬以来暖气片冰凉，屋里只有十三度，老人孩子都冻病了，请督促热力公司排查管网。',
  });
  const wages = await publishedSubmission(t, unpaid!, {
    title: '工地拖欠农民工工资',
    body: '工地老板拖欠我们半年工资，过年回家的路费都没有了，请劳动监察部门帮忙追讨。',
  });
  const now = t.clock.now();
  const clusterId = 'clu_mixed';
  // No editor named it, and its representative is the heating complaint.
  await query(t).run(
    `insert into clusters (id, campaign_id, phrases, title, representative_id, created_at, updated_at)
     values (?, ?, '["托育","暖气","工资"]', null, ?, ?, ?)`,
    clusterId,
    campaignId(),
    heating.id,
    now,
    now,
  );
  for (const member of [childcare[0]!, childcare[2]!, heating, wages])
    await query(t).run(
      'insert into cluster_members (submission_id, cluster_id, pinned, assigned_at) values (?, ?, 1, ?)',
      member.id,
      clusterId,
      now,
    );
  const doc = await t.request('POST', '/api/policy-documents', {
    cookie: editor.cookie,
    body: {
      title: '2024年政府工作报告',
      issuer: '国务院',
      issuedOn,
      campaigns: ['leadership-board'],
      text: report,
    },
  });
  expect(doc.status).toBe(201);
  const documentId = doc.json.document.id as string;
  const clause = (await t.request('GET', `/api/policy-documents/${documentId}`)).json.clauses.find(
    (c: { text: string; leaf: boolean }) => c.leaf && c.text.includes(childcareClause),
  ) as { id: string; text: string };
  const candidateId = await proposeCandidate(documentId, clause.id, clusterId);
  return {
    authors: { mum: mum!, dad: dad!, gran: gran!, cold: cold!, unpaid: unpaid! },
    childcare,
    heating,
    wages,
    clusterId,
    documentId,
    clause,
    candidateId,
  };
}

type Fixture = Awaited<ReturnType<typeof mixedCluster>>;

async function adoptedNotices(user: TestUser) {
  const inbox = await t.request('GET', '/api/notifications', { cookie: user.cookie });
  return inbox.json.items.filter((n: { type: string }) => n.type === 'adopted') as {
    submissionId: string;
    data: Record<string, string>;
  }[];
}

async function timelineTypes(id: string) {
  const page = await t.request('GET', `/api/submissions/${id}`);
  return page.json.timeline.map((e: { type: string }) => e.type) as string[];
}

function confirm(f: Fixture, body: Record<string, unknown> = {}, cookie = editor.cookie) {
  return t.request('POST', '/api/adoptions', {
    cookie,
    body: {
      candidateId: f.candidateId,
      status: 'adopted',
      quotedSpan: childcareClause,
      memberIds: f.childcare.map((s) => s.id),
      ...body,
    },
  });
}

/** Every row an adoption writes: nothing of it may exist after a refused request. */
async function written() {
  return {
    adoptions: await count('select count(*) from adoptions'),
    members: await count('select count(*) from adoption_members'),
    events: await count('select count(*) from adoption_events'),
    timeline: await count(
      "select count(*) from timeline_events where type in ('adopted', 'adoption-updated', 'adoption-withdrawn')",
    ),
    notifications: await count("select count(*) from notifications where type = 'adopted'"),
    outbox: await count('select count(*) from email_outbox'),
    proposed: await count("select count(*) from adoption_candidates where state = 'proposed'"),
    locked: await count('select count(*) from clusters where locked = 1'),
  };
}

describe('the members of a candidate, for the confirmation dialog', () => {
  it('lists every member folded into form-letter groups with count, masked title, date and the document date', async () => {
    const f = await mixedCluster('2026-11-20');
    const res = await t.request('GET', `/api/adoption-candidates/${f.candidateId}/members`, {
      cookie: editor.cookie,
    });
    expect(res.status).toBe(200);
    const m = res.json;
    expect(m.document).toMatchObject({ id: f.documentId, issuedOn: '2026-11-20' });
    expect(m.target).toMatchObject({ kind: 'cluster', id: f.clusterId });
    expect(m.submissions).toBe(5);
    expect(m.people).toBe(5);
    // The form letter is one group of two (the copy the cluster does not hold included), first.
    expect(m.groups).toHaveLength(4);
    expect(m.groups[0].count).toBe(2);
    expect([...m.groups[0].ids].sort()).toEqual([f.childcare[0]!.id, f.childcare[1]!.id].sort());
    expect(m.groups[0].authors).toHaveLength(2);
    expect(m.groups.map((g: { count: number }) => g.count)).toEqual([2, 1, 1, 1]);
    // Public (masked) text only; every member was written after the document's day.
    const heating = m.groups.find((g: { ids: string[] }) => g.ids.includes(f.heating.id));
    expect(heating.title).toContain('138****5678');
    expect(heating.title).not.toContain('13812345678');
    expect(heating.title).toContain(probe);
    expect(heating.firstAt).toBe(t.clock.now());
    expect(m.groups.map((g: { afterDocument: number }) => g.afterDocument)).toEqual([2, 1, 1, 1]);
    expect(m.groups.every((g: { adoptedIds: string[] }) => g.adoptedIds.length === 0)).toBe(true);

    // Nothing is written after the document's own day.
    const sameDay = await mixedClusterDocument(f, today);
    const fresh = await t.request('GET', `/api/adoption-candidates/${sameDay}/members`, {
      cookie: editor.cookie,
    });
    expect(fresh.json.groups.map((g: { afterDocument: number }) => g.afterDocument)).toEqual([
      0, 0, 0, 0,
    ]);

    // Curators only.
    const anon = await t.request('GET', `/api/adoption-candidates/${f.candidateId}/members`);
    expect(anon.json.error.code).toBe('unauthenticated');
    const netizen = await t.request('GET', `/api/adoption-candidates/${f.candidateId}/members`, {
      cookie: f.authors.mum.cookie,
    });
    expect(netizen.json.error.code).toBe('forbidden');
    const missing = await t.request('GET', '/api/adoption-candidates/999999/members', {
      cookie: editor.cookie,
    });
    expect(missing.json.error.code).toBe('not_found');
  });

  it('lists the members of a cluster or submission named by hand, against a document', async () => {
    const f = await mixedCluster();
    const byCluster = await t.request(
      'GET',
      `/api/policy-documents/${f.documentId}/members?kind=cluster&target=${f.clusterId}`,
      { cookie: editor.cookie },
    );
    expect(byCluster.status).toBe(200);
    expect(byCluster.json.submissions).toBe(5);
    const byRef = await t.request(
      'GET',
      `/api/policy-documents/${f.documentId}/members?kind=submission&target=${f.childcare[1]!.ref}`,
      { cookie: editor.cookie },
    );
    expect(byRef.json.groups).toHaveLength(1);
    expect(byRef.json.groups[0].count).toBe(2);
    const netizen = await t.request(
      'GET',
      `/api/policy-documents/${f.documentId}/members?kind=cluster&target=${f.clusterId}`,
      { cookie: f.authors.mum.cookie },
    );
    expect(netizen.json.error.code).toBe('forbidden');
  });
});

/** A second document (and candidate) for the same cluster and clause words, of another date. */
async function mixedClusterDocument(f: Fixture, issuedOn: string): Promise<number> {
  const doc = await t.request('POST', '/api/policy-documents', {
    cookie: editor.cookie,
    body: {
      title: '另一份文件',
      issuer: '国务院',
      issuedOn,
      campaigns: ['leadership-board'],
      text: report,
    },
  });
  const clause = (
    await t.request('GET', `/api/policy-documents/${doc.json.document.id}`)
  ).json.clauses.find(
    (c: { text: string; leaf: boolean }) => c.leaf && c.text.includes(childcareClause),
  ) as { id: string };
  return proposeCandidate(doc.json.document.id, clause.id, f.clusterId);
}

describe('confirming only the ticked members', () => {
  it('an unticked author gets no adoption, no timeline event and no notice; only the ticked are told', async () => {
    const f = await mixedCluster();
    const res = await confirm(f);
    expect(res.status).toBe(201);
    expect(res.json.notified).toBe(3);
    expect(res.json.adoption.target.people).toBe(3);

    for (const [who, sub] of [
      ['cold', f.heating],
      ['unpaid', f.wages],
    ] as const) {
      expect(await adoptedNotices(f.authors[who])).toEqual([]);
      expect(await timelineTypes(sub.id)).not.toContain('adopted');
      const page = await t.request('GET', `/api/submissions/${sub.id}`);
      expect(page.json.adoptions).toEqual([]);
    }
    for (const [who, sub] of [
      ['mum', f.childcare[0]!],
      ['dad', f.childcare[1]!],
      ['gran', f.childcare[2]!],
    ] as const) {
      const notices = await adoptedNotices(f.authors[who]);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.data.quote).toBe(childcareClause);
      expect(await timelineTypes(sub.id)).toContain('adopted');
    }
    const detail = await t.request('GET', `/api/adoptions/${res.json.adoption.id}`, {
      cookie: editor.cookie,
    });
    expect(detail.json.events[0].data).toMatchObject({ members: 3, offered: 5 });
  });

  it('the public adopted page, the figures, the report and the export count only ticked people', async () => {
    const f = await mixedCluster();
    // Only the grandmother's own suggestion: the clause does not speak of the form letter's words.
    const res = await confirm(f, { memberIds: [f.childcare[2]!.id] });
    expect(res.status).toBe(201);

    const list = (await t.request('GET', '/api/adoptions?campaign=leadership-board')).json.items;
    expect(list).toHaveLength(1);
    expect(list[0].target.people).toBe(1);
    // The card speaks with the adopted suggestion's words, not the cluster's representative or
    // machine label (the heating complaint and 托育 · 暖气 · 工资).
    expect(list[0].target.title).toBe('托育费用太高了');
    expect(list[0].target.text).toContain('托育机构收费太高');
    expect(list[0].target.text).not.toContain('暖气');

    const owner = roleUser(t, 'owner', 'huiyin');
    await refreshFigures(t.services);
    const figures = await t.request('GET', '/api/figures?campaign=leadership-board');
    expect(figures.json.headline.adopted).toBe(1);
    expect(figures.json.headline.published).toBe(5);
    const report = await t.request('GET', '/api/campaigns/leadership-board/report?format=html', {
      cookie: owner.cookie,
    });
    expect(report.status).toBe(200);
    // The report's adopted suggestion is the ticked one (its hot topics may still quote the cluster).
    expect(report.text).toContain('托育费用太高了');
    const csv = await t.request(
      'GET',
      '/api/campaigns/leadership-board/exports/adoptions?format=jsonl',
    );
    expect(JSON.parse(csv.text.trim()).submissions).toBe(1);
  });

  it('refuses no member, a member outside the cluster, or none named, with stable codes, and writes nothing', async () => {
    const f = await mixedCluster();
    const outsider = await publishedSubmission(t, makeUser(t), {
      title: '托育补贴申请太麻烦',
      body: '托育补贴申请材料太多，跑了好几趟还没办下来，希望简化流程，增加托育服务供给。',
    });
    const before = await written();

    const none = await confirm(f, { memberIds: [] });
    expect(none.status).toBe(400);
    expect(none.json.error.code).toBe('validation_failed');
    expect(none.json.error.details.fields).toHaveProperty('memberIds');

    const unnamed = await t.request('POST', '/api/adoptions', {
      cookie: editor.cookie,
      body: { candidateId: f.candidateId, status: 'adopted', quotedSpan: childcareClause },
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.json.error.code).toBe('validation_failed');
    expect(unnamed.json.error.details.fields).toEqual({ memberIds: 'required for a cluster' });

    const outside = await confirm(f, { memberIds: [f.childcare[2]!.id, outsider.id] });
    expect(outside.status).toBe(409);
    expect(outside.json.error.code).toBe('not_a_member');
    expect(outside.json.error.details.submissions).toEqual([outsider.id]);

    const unknown = await confirm(f, { memberIds: ['sub_nobody'] });
    expect(unknown.json.error.code).toBe('not_a_member');

    // The same by hand: a cluster needs its members named too.
    const byHand = await t.request('POST', '/api/adoptions', {
      cookie: editor.cookie,
      body: {
        clauseId: f.clause.id,
        target: { kind: 'cluster', id: f.clusterId },
        status: 'adopted',
        quotedSpan: childcareClause,
        memberIds: [outsider.id],
      },
    });
    expect(byHand.json.error.code).toBe('not_a_member');

    expect(await written()).toEqual(before);
    expect(await adoptedNotices(f.authors.gran)).toEqual([]);
  });
});

describe('a document dated before the suggestions', () => {
  it('is refused until the editor acknowledges it with a note, which stays on the record', async () => {
    const f = await mixedCluster('2024-03-05');
    const before = await written();
    const plain = await confirm(f);
    expect(plain.status).toBe(409);
    expect(plain.json.error.code).toBe('document_predates_suggestion');
    expect(plain.json.error.details.issuedOn).toBe('2024-03-05');
    expect([...plain.json.error.details.submissions].sort()).toEqual(
      f.childcare.map((s) => s.id).sort(),
    );
    const noNote = await confirm(f, { acknowledgeDate: true, note: '  ' });
    expect(noNote.json.error.code).toBe('document_predates_suggestion');
    const noAck = await confirm(f, { note: '建议与现行政策一致' });
    expect(noAck.json.error.code).toBe('document_predates_suggestion');
    expect(await written()).toEqual(before);

    const note = '建议与报告提出的现行政策一致，作为已有政策的回应记录';
    const ok = await confirm(f, { acknowledgeDate: true, note });
    expect(ok.status).toBe(201);
    expect(ok.json.adoption.note).toBe(note);
    const detail = await t.request('GET', `/api/adoptions/${ok.json.adoption.id}`, {
      cookie: editor.cookie,
    });
    expect(detail.json.events[0].data).toMatchObject({ writtenAfterDocument: 3, note });
  });

  it('does not apply to a document of the same day as the suggestions', async () => {
    const f = await mixedCluster(today);
    expect((await confirm(f)).status).toBe(201);
  });
});

describe('adding and removing members later', () => {
  it('echoes an addition as a confirmation and tells a removed author it was withdrawn', async () => {
    const f = await mixedCluster();
    const adoption = (await confirm(f, { memberIds: [f.childcare[0]!.id, f.childcare[1]!.id] }))
      .json.adoption;
    const path = `/api/adoptions/${adoption.id}/members`;
    await query(t).run(
      'update users set email = ? where id = ?',
      'dad@example.cn',
      f.authors.dad.id,
    );

    const listed = await t.request('GET', path, { cookie: editor.cookie });
    expect(listed.status).toBe(200);
    const letter = listed.json.groups.find((g: { count: number }) => g.count === 2);
    expect([...letter.adoptedIds].sort()).toEqual([...letter.ids].sort());
    expect(
      listed.json.groups.filter((g: { adoptedIds: string[] }) => g.adoptedIds.length),
    ).toHaveLength(1);

    // The grandmother's suggestion is added: she is told as at a confirmation.
    const added = await t.request('PATCH', path, {
      cookie: editor.cookie,
      body: { add: [f.childcare[2]!.id] },
    });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ added: 1, removed: 0, notified: 1 });
    expect(added.json.adoption.target.people).toBe(3);
    const granNotices = await adoptedNotices(f.authors.gran);
    expect(granNotices).toHaveLength(1);
    expect(granNotices[0]!.data).toMatchObject({ status: 'adopted', quote: childcareClause });
    expect(await timelineTypes(f.childcare[2]!.id)).toContain('adopted');

    // The father's copy is taken out: he is told it was withdrawn, with the reason, by e-mail too.
    const removed = await t.request('PATCH', path, {
      cookie: editor.cookie,
      body: { remove: [f.childcare[1]!.id], reason: '该建议针对的是另一条款' },
    });
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ added: 0, removed: 1, notified: 1 });
    expect(removed.json.adoption.target.people).toBe(2);
    const dadNotices = await adoptedNotices(f.authors.dad);
    expect(dadNotices.map((n) => n.data.status)).toEqual(['withdrawn', 'adopted']);
    expect(dadNotices[0]!.data.reason).toBe('该建议针对的是另一条款');
    expect(await timelineTypes(f.childcare[1]!.id)).toContain('adoption-withdrawn');
    const mail = await query(t).column<string>(
      'select subject from email_outbox where "to" = ? order by id',
      'dad@example.cn',
    );
    expect(mail.at(-1)).toContain('撤销');
    expect(mail.at(-1)).not.toContain('已被采纳');
    const dadPage = await t.request('GET', `/api/submissions/${f.childcare[1]!.id}`);
    expect(dadPage.json.adoptions).toEqual([]);

    // The others heard nothing more; the unticked never heard anything.
    expect(await adoptedNotices(f.authors.mum)).toHaveLength(1);
    expect(await adoptedNotices(f.authors.cold)).toEqual([]);
    expect(await adoptedNotices(f.authors.unpaid)).toEqual([]);

    const detail = await t.request('GET', `/api/adoptions/${adoption.id}`, {
      cookie: editor.cookie,
    });
    expect(detail.json.events.map((e: { type: string }) => e.type)).toEqual([
      'confirmed',
      'members-changed',
      'members-changed',
    ]);
  });

  it('refuses bad changes with stable codes and writes nothing', async () => {
    const f = await mixedCluster();
    const adoption = (await confirm(f)).json.adoption;
    const path = `/api/adoptions/${adoption.id}/members`;
    const outsider = await publishedSubmission(t, makeUser(t));
    const before = await written();
    const refused = async (body: unknown, status: number, code: string, cookie = editor.cookie) => {
      const res = await t.request('PATCH', path, { cookie, body });
      expect([res.status, res.json.error.code]).toEqual([status, code]);
    };
    await refused({}, 400, 'validation_failed');
    await refused({ remove: [f.childcare[0]!.id] }, 400, 'validation_failed'); // no reason
    await refused({ add: [outsider.id] }, 409, 'not_a_member');
    await refused({ remove: [f.heating.id], reason: '不相关' }, 409, 'not_a_member');
    await refused({ add: [f.childcare[0]!.id] }, 409, 'already_linked');
    await refused(
      { remove: f.childcare.map((s) => s.id), reason: '全部移出' },
      409,
      'invalid_transition',
    );
    await refused({ add: [f.heating.id] }, 403, 'forbidden', f.authors.cold.cookie);
    await refused({ add: [f.heating.id] }, 401, 'unauthenticated', '');
    expect(await written()).toEqual(before);

    // A member added later under an older document needs the same acknowledgement.
    await query(t).run(
      "update policy_documents set issued_on = '2024-03-05' where id = ?",
      f.documentId,
    );
    await refused({ add: [f.heating.id] }, 409, 'document_predates_suggestion');
    expect(await written()).toEqual(before);
    const ok = await t.request('PATCH', path, {
      cookie: editor.cookie,
      body: {
        add: [f.heating.id],
        acknowledgeDate: true,
        note: '供暖条款另有表述，编辑核实后加入',
      },
    });
    expect(ok.status).toBe(200);

    // A withdrawn link cannot change its members.
    await t.request('POST', `/api/adoptions/${adoption.id}/withdraw`, {
      cookie: editor.cookie,
      body: { reason: '误关联' },
    });
    await refused({ add: [f.wages.id] }, 409, 'invalid_transition');
  });
});
