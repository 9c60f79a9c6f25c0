// Inserts hand-made rows straight into the tables the figures read, so that tests can state
// exactly what each submission went through and check every figure by hand.
import { probe } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import type { TestApp } from '../../support/test-app.ts';

export const hour = 3_600_000;
/** Monday 2026-11-02 10:00 China time. */
export const monday = Date.parse('2026-11-02T10:00:00+08:00');

let n = 0;

export type FixtureSubmission = {
  campaign?: string;
  status?: 'received' | 'published' | 'rejected' | 'answered' | 'closed';
  createdAt: number;
  region?: string | null;
  topic?: string | null;
  supports?: number;
};

export async function insertSubmission(t: TestApp, f: FixtureSubmission): Promise<string> {
  n += 1;
  const s = t.services;
  const id = `sub_fx${String(n).padStart(6, '0')}`;
  const campaign = s.campaigns.get(f.campaign ?? 'leadership-board')!;
  const status = f.status ?? 'published';
  const published = status === 'received' || status === 'rejected' ? null : f.createdAt;
  await query(t).run(
    `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public,
       has_personal_data, region_code, topic, custom, show_name, status, support_count, created_at, published_at, updated_at)
     values (?, ?, ?, 'usr_fixture', 'message', ?, ?, ?, ?, 1, ?, ?, null, 0, ?, ?, ?, ?, ?)`,
    id,
    `FX-2026-${String(n).padStart(6, '0')}`,
    campaign.id,
    `标题${n} 电话13812345678${probe}`,
    `正文${n}，联系电话 13812345678。${probe}`,
    `标题${n} 电话138****5678${probe}`,
    `正文${n}，联系电话 138****5678。${probe}`,
    f.region === undefined ? '411002' : f.region,
    f.topic === undefined ? 'urban-construction' : f.topic,
    status,
    f.supports ?? 0,
    f.createdAt,
    published,
    f.createdAt,
  );
  return id;
}

export function unitId(t: TestApp, code: string): string {
  return t.services.orgs.getByCode(code)!.id;
}

/** Routes a submission to a unit with a due date (and records the assignment). */
export async function route(
  t: TestApp,
  submissionId: string,
  unit: string,
  at: number,
  dueAt: number,
) {
  const campaignId = await query(t).value<string>(
    'select campaign_id from submissions where id = ?',
    submissionId,
  );
  await query(t).run(
    `insert into handlings (submission_id, campaign_id, state, unit_id, urgency, routed_at, due_at, updated_at)
     values (?, ?, 'routed', ?, 'normal', ?, ?, ?)`,
    submissionId,
    campaignId,
    unitId(t, unit),
    at,
    dueAt,
    at,
  );
  await query(t).run(
    `insert into handling_assignments (submission_id, unit_id, how, at, round) values (?, ?, 'rule', ?, 1)`,
    submissionId,
    unitId(t, unit),
    at,
  );
}

export async function reply(
  t: TestApp,
  submissionId: string,
  unit: string,
  reviewedAt: number,
  dueAt: number | null,
  state: 'approved' | 'returned' = 'approved',
  round = 1,
) {
  n += 1;
  await query(t).run(
    `insert into replies (id, submission_id, unit_id, author_id, round, version, body, state, submitted_at, due_at, reviewer_id, reviewed_at)
     values (?, ?, ?, 'usr_fixture', ?, ?, ?, ?, ?, ?, 'usr_reviewer', ?)`,
    `rep_fx${n}`,
    submissionId,
    unitId(t, unit),
    round,
    n,
    `答复${n}${probe}`,
    state,
    reviewedAt - hour,
    dueAt,
    reviewedAt,
  );
  if (state === 'approved')
    await query(t).run(
      "update handlings set state = 'approved', answered_at = coalesce(answered_at, ?) where submission_id = ?",
      reviewedAt,
      submissionId,
    );
}

export async function collectiveReply(
  t: TestApp,
  submissionIds: string[],
  at: number,
  campaign = 'leadership-board',
) {
  n += 1;
  const s = t.services;
  const id = `col_fx${n}`;
  await query(t).run(
    `insert into collective_replies (id, campaign_id, title, scope, author_id, published_at) values (?, ?, ?, 'set', 'usr_fixture', ?)`,
    id,
    s.campaigns.get(campaign)!.id,
    `公开答复${n}`,
    at,
  );
  // As publish-collective-reply.ts does: the text is a reply row tied to the collective reply.
  await query(t).run(
    `insert into replies (id, collective_id, author_id, body, state, submitted_at, reviewer_id, reviewed_at)
     values (?, ?, 'usr_fixture', ?, 'approved', ?, 'usr_fixture', ?)`,
    `rep_${id}`,
    id,
    `集中答复${n}${probe}`,
    at,
    at,
  );
  for (const sub of submissionIds)
    await query(t).run(
      'insert into collective_reply_members (collective_id, submission_id) values (?, ?)',
      id,
      sub,
    );
}

export async function rate(
  t: TestApp,
  submissionId: string,
  value: 'satisfied' | 'basically' | 'unsatisfied',
  at: number,
  unit: string | null,
  round = 1,
) {
  await query(t).run(
    'insert into ratings (submission_id, round, value, unit_id, at) values (?, ?, ?, ?, ?)',
    submissionId,
    round,
    value,
    unit ? unitId(t, unit) : null,
    at,
  );
}

export async function adopt(
  t: TestApp,
  submissionIds: string[],
  status: 'under_consideration' | 'partially_adopted' | 'adopted' | 'implemented',
  at: number,
  options: { withdrawnAt?: number; campaign?: string; clause?: string } = {},
) {
  n += 1;
  const s = t.services;
  const id = `adp_fx${n}`;
  const campaignId = s.campaigns.get(options.campaign ?? 'leadership-board')!.id;
  await query(t).run(
    `insert into policy_documents (id, title, issuer, issued_on, text, created_by, created_at, updated_at)
     values ('doc_fx', '2027年政府工作报告', '国务院', '2027-03-05', '全文', 'usr_fixture', ?, ?)
     on conflict do nothing`,
    at,
    at,
  );
  await query(t).run(
    `insert into policy_clauses (id, document_id, anchor, path, kind, text, hash, position, leaf)
     values (?, 'doc_fx', ?, '[]', 'sentence', ?, 'h', 1, 1) on conflict do nothing`,
    options.clause ?? 'cls_fx',
    options.clause ?? 'p1-s1',
    '加快老旧小区供热管网改造。',
  );
  await query(t).run(
    `insert into adoptions (id, campaign_id, document_id, clause_id, target_kind, target_id, status, quoted_span, created_by, confirmed_at, updated_at, withdrawn_at)
     values (?, ?, 'doc_fx', ?, 'submission', ?, ?, '供热管网改造', 'usr_fixture', ?, ?, ?)`,
    id,
    campaignId,
    options.clause ?? 'cls_fx',
    submissionIds[0]!,
    status,
    at,
    at,
    options.withdrawnAt ?? null,
  );
  for (const sub of submissionIds)
    await query(t).run(
      'insert into adoption_members (adoption_id, submission_id) values (?, ?)',
      id,
      sub,
    );
  return id;
}

/**
 * The hand-checked scenario most figure tests use (leadership board, units 许昌住建 and 许昌人社):
 *   A 11-02 published; housing reply approved after 10 h, due in 5 days → on time; rated 满意
 *   B 11-02 published; housing reply approved after 50 h, due after 24 h → late; rated 不满意,
 *     then 基本满意 in round 2; also one earlier reply of B was returned
 *   C 11-03 published; collective reply after 100 h (bucket 96 h); adopted
 *   D 11-03 published; no answer; one withdrawn adoption, one under consideration → not adopted
 *   E 11-03 still waiting for moderation;  F 11-04 rejected
 * Hand-counted: received 6, published 4, replied 3 (75%), unit-replied 2, on time 1 (50%),
 * ratings 3 of which 2 satisfied (66.7%), adopted 1 (25%), median reply time: 10, 50, 96 → 50 h.
 */
export async function scenario(t: TestApp) {
  const day = 24 * hour;
  const a = await insertSubmission(t, { createdAt: monday });
  const b = await insertSubmission(t, { createdAt: monday + hour });
  const c = await insertSubmission(t, {
    createdAt: monday + day,
    region: '411081',
    topic: 'labour-social-security',
  });
  const d = await insertSubmission(t, {
    createdAt: monday + day + hour,
    region: '410102',
    topic: 'education-culture-sports',
  });
  const e = await insertSubmission(t, { createdAt: monday + day + 2 * hour, status: 'received' });
  const f = await insertSubmission(t, { createdAt: monday + 2 * day, status: 'rejected' });
  await route(t, a, 'henan-xuchang-housing', monday, monday + 5 * day);
  await route(t, b, 'henan-xuchang-housing', monday + hour, monday + hour + day);
  await reply(t, a, 'henan-xuchang-housing', monday + 10 * hour, monday + 5 * day);
  await reply(t, b, 'henan-xuchang-housing', monday + 20 * hour, monday + hour + day, 'returned');
  await reply(t, b, 'henan-xuchang-housing', monday + hour + 50 * hour, monday + hour + day);
  await rate(t, a, 'satisfied', monday + 11 * hour, 'henan-xuchang-housing');
  await rate(t, b, 'unsatisfied', monday + 60 * hour, 'henan-xuchang-housing');
  await rate(t, b, 'basically', monday + 80 * hour, 'henan-xuchang-housing', 2);
  await collectiveReply(t, [c], monday + day + 100 * hour);
  await adopt(t, [c], 'adopted', monday + 5 * day);
  await adopt(t, [d], 'adopted', monday + 5 * day, { withdrawnAt: monday + 6 * day });
  await adopt(t, [d], 'under_consideration', monday + 5 * day);
  return { a, b, c, d, e, f };
}
