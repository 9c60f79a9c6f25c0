// Every mutating and staff-only route × every kind of actor: who is refused (401/403 with a
// stable code) and who may act. The route list comes from the OpenAPI document, so a new route
// without an entry here (or in `publicRoutes`) fails the first test.
import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../../server/auth/totp.ts';
import { runClustering } from '../../../server/sensemaking/topic-clusters.ts';
import {
  makeUser,
  officeUser,
  publishedSubmission,
  roleUser,
  submit,
  type TestUser,
} from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { approvedReply } from '../../support/trust-fixtures.ts';
import { consoleCampaign, reportedThrice, supportFlag } from './matrix-fixtures.ts';

const actorKeys = [
  'anonymous',
  'netizen',
  'handlerOther',
  'handler',
  'reviewer',
  'editor',
  'ownerOther',
  'owner',
  'admin',
  'office',
] as const;
type ActorKey = (typeof actorKeys)[number];

/**
 * The handler works at 许昌住建局, where test messages are routed; the other one at 人社局. The
 * office serves 许昌市市长.
 */
function makeActors(t: TestApp): Record<ActorKey, TestUser | null> {
  return {
    anonymous: null,
    netizen: makeUser(t),
    handlerOther: roleUser(t, 'handler', 'henan-xuchang-hrss'),
    handler: roleUser(t, 'handler', 'henan-xuchang-housing'),
    reviewer: roleUser(t, 'reviewer'),
    editor: roleUser(t, 'editor'),
    ownerOther: roleUser(t, 'owner', 'mee'),
    owner: roleUser(t, 'owner', 'huiyin'),
    admin: roleUser(t, 'admin'),
    office: officeUser(t, 'xuchang-mayor'),
  };
}

type Ctx = {
  t: TestApp;
  key: ActorKey;
  actor: TestUser | null;
  actors: Record<ActorKey, TestUser | null>;
};
type Call = { path: string; body?: unknown };
type Entry = {
  allowed: readonly ActorKey[];
  /** Builds a fresh object for this actor to act on; returns the concrete request. */
  call: (ctx: Ctx) => Promise<Call> | Call;
  /**
   * Allowed actors may meet a state conflict here (nothing to split, 2FA not on): they must get
   * past the permission check (no 401/403), not necessarily succeed.
   */
  loose?: boolean;
};

const signedIn = actorKeys.filter((k) => k !== 'anonymous');
const staff = signedIn.filter((k) => k !== 'netizen');
const reviewers = ['reviewer', 'admin'] as const;
const curators = ['editor', 'owner', 'admin'] as const;

const published = (t: TestApp) => publishedSubmission(t, makeUser(t));

/** A small policy document feeding the leadership board, added by the admin. */
async function policyDocument(t: TestApp, admin: TestUser) {
  const res = await t.request('POST', '/api/policy-documents', {
    cookie: admin.cookie,
    body: {
      title: '关于加强养老服务的意见',
      issuer: '国务院办公厅',
      issuedOn: '2026-11-21', // the test clock's day: not older than the suggestions it adopts
      campaigns: ['leadership-board'],
      text: '一、总体要求\n（一）发展互助性养老，完善社区居家养老服务网络。\n（二）加快保障性住房建设。',
    },
  });
  const doc = await t.request('GET', `/api/policy-documents/${res.json.document.id}`);
  return {
    id: res.json.document.id as string,
    clause: doc.json.clauses.at(-1) as { id: string; text: string },
  };
}

/** A proposed candidate between the document's last clause and a published submission. */
async function candidateId(t: TestApp, admin: TestUser) {
  const doc = await policyDocument(t, admin);
  const sub = await published(t);
  await query(t).run(
    `insert into adoption_candidates (document_id, clause_id, campaign_id, target_kind, target_id, score, phrases, state, computed_at)
     values (?, ?, ?, 'submission', ?, 0.5, '[]', 'proposed', ?)`,
    doc.id,
    doc.clause.id,
    t.services.campaigns.get('leadership-board')!.id,
    sub.id,
    t.clock.now(),
  );
  return query(t).value<number>(
    'select id from adoption_candidates where clause_id = ? and target_id = ?',
    doc.clause.id,
    sub.id,
  );
}

async function adoptionId(t: TestApp, admin: TestUser) {
  const doc = await policyDocument(t, admin);
  const sub = await published(t);
  const res = await t.request('POST', '/api/adoptions', {
    cookie: admin.cookie,
    body: {
      clauseId: doc.clause.id,
      target: { kind: 'submission', id: sub.id },
      status: 'adopted',
      quotedSpan: doc.clause.text,
    },
  });
  return res.json.adoption.id as string;
}
const lb = '/api/campaigns/leadership-board';

async function clusterIds(t: TestApp): Promise<string[]> {
  for (let i = 0; i < 6; i++) {
    await publishedSubmission(t, makeUser(t), {
      title: i % 2 ? `小区暖气不热屋里只有十三度${i}` : `工地老板拖欠农民工工资${i}`,
      body:
        i % 2
          ? `供暖温度不达标暖气片冰凉，家里老人孩子都冻得生病了，第${i}户。`
          : `公司拖欠工资半年不发，过年回家的路费都没有了，请帮忙追讨，第${i}人。`,
    });
  }
  const id = t.services.campaigns.get('leadership-board')!.id;
  await runClustering(t.services, id);
  return query(t).column<string>(
    'select id from clusters where campaign_id = ? and merged_into is null order by id desc',
    id,
  );
}

/** Clusters every actor may act on in turn (renaming, reading events): made once per app. */
const sharedClusters = new WeakMap<TestApp, Promise<string[]>>();
function clusterIdsOnce(t: TestApp): Promise<string[]> {
  let ids = sharedClusters.get(t);
  if (!ids) sharedClusters.set(t, (ids = clusterIds(t)));
  return ids;
}

async function pendingReply(t: TestApp): Promise<string> {
  const sub = await published(t);
  const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
  await t.request('POST', `/api/submissions/${sub.id}/replies`, {
    cookie: handler.cookie,
    body: { body: '您好，经核查，热力公司已于本周完成管网排查，12月1日前恢复正常供暖。' },
  });
  return query(t).value<string>(
    "select id from replies where submission_id = ? and state = 'submitted'",
    sub.id,
  );
}

export const matrix: Record<string, Entry> = {
  'GET /auth/2fa': { allowed: signedIn, call: () => ({ path: '/api/auth/2fa' }) },
  'POST /auth/2fa/enrol': { allowed: staff, call: () => ({ path: '/api/auth/2fa/enrol' }) },
  'POST /auth/2fa/confirm': {
    allowed: staff,
    call: async ({ t, actor, key }) => {
      let code = '123456';
      if (actor && (staff as readonly string[]).includes(key)) {
        const start = await t.request('POST', '/api/auth/2fa/enrol', { cookie: actor.cookie });
        code = totpCode(start.json.secret, t.clock.now());
      }
      return { path: '/api/auth/2fa/confirm', body: { code } };
    },
  },
  'POST /auth/2fa/disable': {
    allowed: signedIn,
    loose: true,
    call: () => ({ path: '/api/auth/2fa/disable', body: { code: '123456' } }),
  },
  'GET /admin/settings': { allowed: ['admin'], call: () => ({ path: '/api/admin/settings' }) },
  'PUT /admin/settings': {
    allowed: ['admin'],
    call: () => ({ path: '/api/admin/settings', body: { requireStaff2fa: false } }),
  },
  'POST /campaigns': {
    allowed: ['owner', 'admin'],
    call: ({ key }) => ({ path: '/api/campaigns', body: { definition: consoleCampaign(key) } }),
  },
  'PUT /campaigns/{slug}': {
    allowed: ['owner', 'admin'],
    call: async ({ t, actors, key }) => {
      const definition = consoleCampaign(key);
      await t.request('POST', '/api/campaigns', {
        cookie: actors.admin!.cookie,
        body: { definition },
      });
      return { path: `/api/campaigns/${definition.slug}`, body: { definition } };
    },
  },
  'GET /campaigns/{slug}/definition': {
    allowed: ['owner', 'admin'],
    call: () => ({ path: `${lb}/definition` }),
  },
  'POST /campaigns/{slug}/submissions': {
    allowed: signedIn,
    call: ({ t }) => {
      void t;
      return {
        path: `${lb}/submissions`,
        body: {
          title: '小区门口道路长期积水',
          body: '小区门口的道路下雨就积水，已经三个月了，希望有关部门尽快修复排水设施。',
          regionCode: '411002',
          topic: 'urban-construction',
          custom: { 'request-type': 'complaint' },
          showName: true,
        },
      };
    },
  },
  'POST /submissions/{id}/support': {
    allowed: signedIn,
    call: async ({ t }) => ({ path: `/api/submissions/${(await published(t)).id}/support` }),
  },
  'GET /me/submissions': { allowed: signedIn, call: () => ({ path: '/api/me/submissions' }) },
  'GET /moderation/queue': { allowed: reviewers, call: () => ({ path: '/api/moderation/queue' }) },
  'POST /submissions/{id}/publish': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/submissions/${(await submit(t, makeUser(t))).id}/publish`,
    }),
  },
  'POST /submissions/{id}/reject': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/submissions/${(await submit(t, makeUser(t))).id}/reject`,
      body: { reason: '内容与本栏目无关' },
    }),
  },
  'GET /handling/inbox': {
    allowed: ['handlerOther', 'handler'],
    call: () => ({ path: '/api/handling/inbox' }),
  },
  'GET /handling/triage': { allowed: reviewers, call: () => ({ path: '/api/handling/triage' }) },
  'GET /handling/extensions': {
    allowed: reviewers,
    call: () => ({ path: '/api/handling/extensions' }),
  },
  'GET /handling/replies': { allowed: reviewers, call: () => ({ path: '/api/handling/replies' }) },
  'POST /submissions/{id}/assign': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/assign`,
      body: { unit: 'henan-xuchang-hrss', reason: '属于人社局职责' },
    }),
  },
  'POST /submissions/{id}/transfer': {
    allowed: ['handler', 'admin'],
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/transfer`,
      body: { unit: 'henan-xuchang-hrss', reason: '属于人社局职责' },
    }),
  },
  'POST /submissions/{id}/urgency': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/urgency`,
      body: { urgency: 'urgent', reason: '涉及供暖安全' },
    }),
  },
  'GET /scorecards/alarms': {
    allowed: ['reviewer', 'ownerOther', 'owner', 'admin'],
    call: () => ({ path: '/api/scorecards/alarms' }),
  },
  'GET /office/messages': { allowed: ['office'], call: () => ({ path: '/api/office/messages' }) },
  'POST /submissions/{id}/instruction': {
    allowed: ['office', 'admin'],
    call: async ({ t }) => {
      const sub = await publishedSubmission(t, makeUser(t), { addressee: 'xuchang-mayor' });
      return {
        path: `/api/submissions/${sub.id}/instruction`,
        body: { note: '请三日内核实答复', priority: 'normal' },
      };
    },
  },
  'POST /submissions/{id}/addressee': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/addressee`,
      body: { addressee: 'xuchang-secretary', reason: '留言写给市委书记' },
    }),
  },
  'POST /submissions/{id}/extension': {
    allowed: ['handler', 'admin'],
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/extension`,
      body: { days: 5, reason: '需要现场核查管网' },
    }),
  },
  'POST /submissions/{id}/extension/decision': {
    allowed: reviewers,
    call: async ({ t }) => {
      const sub = await published(t);
      await t.request('POST', `/api/submissions/${sub.id}/extension`, {
        cookie: roleUser(t, 'handler', 'henan-xuchang-housing').cookie,
        body: { days: 5, reason: '需要现场核查管网' },
      });
      return { path: `/api/submissions/${sub.id}/extension/decision`, body: { grant: true } };
    },
  },
  'POST /submissions/{id}/replies': {
    allowed: ['handler', 'admin'],
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/replies`,
      body: { body: '您好，经核查，热力公司已于本周完成管网排查，12月1日前恢复正常供暖。' },
    }),
  },
  'POST /replies/{id}/approve': {
    allowed: reviewers,
    call: async ({ t }) => ({ path: `/api/replies/${await pendingReply(t)}/approve` }),
  },
  'POST /replies/{id}/return': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/replies/${await pendingReply(t)}/return`,
      body: { reason: 'no-commitment', note: '请写明完成时间' },
    }),
  },
  'POST /submissions/{id}/rating': {
    // Only the author rates: here the netizen is the author, everyone else is not.
    allowed: ['netizen'],
    call: async ({ t, actors }) => {
      const sub = await publishedSubmission(t, actors.netizen!);
      await approvedReply(t, sub.id);
      return { path: `/api/submissions/${sub.id}/rating`, body: { value: 'satisfied' } };
    },
  },
  'POST /campaigns/{slug}/collective-replies': {
    allowed: ['handler', 'owner', 'admin'],
    call: async ({ t }) => ({
      path: `${lb}/collective-replies`,
      body: {
        title: '关于冬季供暖问题的统一答复',
        body: '热力公司已完成全市管网排查，12月1日前全部恢复正常供暖，请各位网友监督。',
        submissionIds: [(await published(t)).id],
      },
    }),
  },
  'GET /handling/supervision': {
    allowed: ['reviewer', 'ownerOther', 'owner', 'admin'],
    call: () => ({ path: '/api/handling/supervision' }),
  },
  'GET /handling/monthly': {
    allowed: ['handler', 'reviewer', 'owner', 'admin'],
    call: () => ({ path: '/api/handling/monthly?unit=henan-xuchang-housing' }),
  },
  'GET /notifications': { allowed: signedIn, call: () => ({ path: '/api/notifications' }) },
  'POST /notifications/read': {
    allowed: signedIn,
    call: () => ({ path: '/api/notifications/read', body: { all: true } }),
  },
  'GET /submissions/{id}/duplicates': {
    allowed: ['reviewer', 'editor', 'admin'],
    call: async ({ t }) => ({ path: `/api/submissions/${(await published(t)).id}/duplicates` }),
  },
  'POST /submissions/{id}/split-duplicate': {
    allowed: reviewers,
    loose: true, // a submission outside any group has nothing to split: 409 after the check
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/split-duplicate`,
    }),
  },
  'GET /dashboard': {
    // An owner of another organisation may open the dashboard, but not for this campaign.
    allowed: ['owner', 'admin'],
    call: () => ({ path: '/api/dashboard?campaign=leadership-board' }),
  },
  'POST /figures/refresh': {
    allowed: ['ownerOther', 'owner', 'admin'],
    call: () => ({ path: '/api/figures/refresh' }),
  },
  'GET /campaigns/{slug}/report': {
    allowed: ['owner', 'admin'],
    call: () => ({ path: `${lb}/report` }),
  },
  'POST /policy-documents': {
    allowed: curators,
    call: () => ({
      path: '/api/policy-documents',
      body: {
        title: '政府工作报告',
        issuer: '国务院',
        issuedOn: '2024-03-05',
        campaigns: ['leadership-board'],
        text: '一、总体要求\n（一）发展互助性养老，完善社区居家养老服务网络。',
      },
    }),
  },
  'PATCH /policy-documents/{id}': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/policy-documents/${(await policyDocument(t, actors.admin!)).id}`,
      body: { title: '关于加强养老服务的指导意见' },
    }),
  },
  'POST /policy-documents/{id}/match': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/policy-documents/${(await policyDocument(t, actors.admin!)).id}/match`,
    }),
  },
  'GET /policy-documents/{id}/candidates': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/policy-documents/${(await policyDocument(t, actors.admin!)).id}/candidates`,
    }),
  },
  'GET /adoption-candidates/{id}/members': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/adoption-candidates/${await candidateId(t, actors.admin!)}/members`,
    }),
  },
  'GET /policy-documents/{id}/members': {
    allowed: curators,
    call: async ({ t, actors }) => {
      const doc = await policyDocument(t, actors.admin!);
      const sub = await published(t);
      return { path: `/api/policy-documents/${doc.id}/members?kind=submission&target=${sub.ref}` };
    },
  },
  'GET /adoptions/{id}/members': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/adoptions/${await adoptionId(t, actors.admin!)}/members`,
    }),
  },
  'PATCH /adoptions/{id}/members': {
    allowed: curators,
    call: async ({ t, actors }) => {
      // A form letter of two: the adoption holds the first, the editor adds the second.
      const text = {
        title: '建议发展互助性养老',
        body: '建议发展互助性养老，完善社区居家养老服务网络，让老人在家门口就能得到照料。',
      };
      const first = await publishedSubmission(t, makeUser(t), text);
      const copy = await publishedSubmission(t, makeUser(t), text);
      const doc = await policyDocument(t, actors.admin!);
      const res = await t.request('POST', '/api/adoptions', {
        cookie: actors.admin!.cookie,
        body: {
          clauseId: doc.clause.id,
          target: { kind: 'submission', id: first.id },
          status: 'adopted',
          quotedSpan: doc.clause.text,
          memberIds: [first.id],
        },
      });
      return { path: `/api/adoptions/${res.json.adoption.id}/members`, body: { add: [copy.id] } };
    },
  },
  'POST /adoption-candidates/{id}/reject': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/adoption-candidates/${await candidateId(t, actors.admin!)}/reject`,
    }),
  },
  'POST /adoptions': {
    allowed: curators,
    call: async ({ t, actors }) => {
      const doc = await policyDocument(t, actors.admin!);
      const sub = await published(t);
      return {
        path: '/api/adoptions',
        body: {
          clauseId: doc.clause.id,
          target: { kind: 'submission', id: sub.id },
          status: 'adopted',
          quotedSpan: doc.clause.text,
        },
      };
    },
  },
  'PATCH /adoptions/{id}': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/adoptions/${await adoptionId(t, actors.admin!)}`,
      body: { status: 'implemented' },
    }),
  },
  'POST /adoptions/{id}/withdraw': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/adoptions/${await adoptionId(t, actors.admin!)}/withdraw`,
      body: { reason: '误关联' },
    }),
  },
  'POST /adoptions/{id}/milestones': {
    allowed: curators,
    call: async ({ t, actors }) => ({
      path: `/api/adoptions/${await adoptionId(t, actors.admin!)}/milestones`,
      body: { title: '出台实施方案', occurredOn: '2024-06-01', percent: 20 },
    }),
  },
  'POST /campaigns/{slug}/stories': {
    allowed: curators,
    call: () => ({
      path: `${lb}/stories`,
      body: { title: '建议落地记', body: '网民的建议写进了文件，这是它的来龙去脉。' },
    }),
  },
  'PATCH /stories/{id}': {
    allowed: curators,
    call: async ({ t, actors }) => {
      const res = await t.request('POST', `${lb}/stories`, {
        cookie: actors.admin!.cookie,
        body: { title: '建议落地记', body: '网民的建议写进了文件，这是它的来龙去脉。' },
      });
      return { path: `/api/stories/${res.json.story.id}`, body: { published: true } };
    },
  },
  'GET /campaigns/{slug}/classifier': {
    allowed: ['reviewer', 'editor', 'owner', 'admin'],
    call: () => ({ path: `${lb}/classifier` }),
  },
  'POST /campaigns/{slug}/classifier/train': {
    allowed: ['reviewer', 'owner', 'admin'],
    call: () => ({ path: `${lb}/classifier/train` }),
  },
  'GET /jobs/{id}': {
    // Background jobs are clustering and classifier runs: handling units have none.
    allowed: ['reviewer', 'editor', 'ownerOther', 'owner', 'admin'],
    call: async ({ t, actors }) => {
      const run = await t.request('POST', `${lb}/clusters/run`, { cookie: actors.admin!.cookie });
      return { path: `/api/jobs/${run.json.job}` };
    },
  },
  'POST /campaigns/{slug}/clusters/run': {
    allowed: curators,
    call: () => ({ path: `${lb}/clusters/run` }),
  },
  'PATCH /clusters/{id}': {
    allowed: curators,
    call: async ({ t }) => ({
      path: `/api/clusters/${(await clusterIdsOnce(t))[0]}`,
      body: { title: '供暖问题' },
    }),
  },
  'GET /clusters/{id}/events': {
    allowed: curators,
    call: async ({ t }) => ({ path: `/api/clusters/${(await clusterIdsOnce(t))[0]}/events` }),
  },
  'POST /clusters/{id}/merge': {
    allowed: curators,
    call: async ({ t }) => {
      const [a, b] = await clusterIds(t);
      return { path: `/api/clusters/${a}/merge`, body: { from: [b] } };
    },
  },
  'POST /clusters/{id}/split': {
    allowed: curators,
    loose: true, // members must belong to the cluster; the check that matters comes first
    call: async ({ t }) => ({
      path: `/api/clusters/${(await clusterIds(t))[0]}/split`,
      body: { members: ['sub_x'] },
    }),
  },
  'POST /submissions/{id}/report': {
    allowed: signedIn,
    call: async ({ t }) => ({
      path: `/api/submissions/${(await published(t)).id}/report`,
      body: { reason: 'spam' },
    }),
  },
  'POST /replies/{id}/report': {
    allowed: signedIn,
    call: async ({ t }) => ({
      path: `/api/replies/${await approvedReply(t, (await published(t)).id)}/report`,
      body: { reason: 'off-topic' },
    }),
  },
  'POST /submissions/{id}/moderation': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/submissions/${await reportedThrice(t)}/moderation`,
      body: { action: 'hide' },
    }),
  },
  'POST /replies/{id}/moderation': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/replies/${await approvedReply(t, (await published(t)).id)}/moderation`,
      body: { action: 'hide' },
    }),
  },
  'GET /moderation/reports': {
    allowed: reviewers,
    call: () => ({ path: '/api/moderation/reports' }),
  },
  'GET /moderation/support-flags': {
    allowed: reviewers,
    call: () => ({ path: '/api/moderation/support-flags' }),
  },
  'POST /support-flags/{id}/decision': {
    allowed: reviewers,
    call: async ({ t }) => ({
      path: `/api/support-flags/${await supportFlag(t)}/decision`,
      body: { action: 'clear' },
    }),
  },
};

/** Routes anyone may call (public reads, signing in and out): no role to check. */
export const publicRoutes = [
  'GET /figures',
  'GET /addressees',
  'GET /boards',
  'GET /scorecards',
  'GET /reports/annual',
  'GET /boards/regions/{code}',
  'GET /boards/addressees/{key}',
  'GET /report.css',
  'GET /exports',
  'GET /campaigns/{slug}/exports/{dataset}',
  'GET /policy-documents',
  'GET /policy-documents/{id}',
  'GET /adoptions',
  'GET /adoptions/{id}',
  'GET /stories',
  'GET /health',
  'GET /ready',
  'POST /auth/register',
  'POST /auth/login',
  'POST /auth/login/2fa',
  'POST /auth/logout',
  'GET /auth/me',
  'GET /regions',
  'GET /campaigns',
  'GET /campaigns/{slug}',
  'GET /campaigns/{slug}/submissions',
  'GET /submissions/{id}',
  'GET /submissions/{id}/handling',
  'GET /organisations',
  'GET /search',
  'GET /campaigns/{slug}/similar',
  'GET /campaigns/{slug}/clusters',
  'GET /clusters/{id}',
];

/**
 * Adoption-tracing routes that arrived from main while this matrix was written: listed here so
 * the completeness check stays strict for every other route. TODO: give each a matrix entry
 * (editors and campaign owners curate; see server/tracing/curators.ts) and empty this list.
 */
export const notYetInMatrix: string[] = [];

let t: TestApp | undefined;
afterEach(() => t?.close());

describe('authorisation matrix', () => {
  it('has an entry for every route of the OpenAPI document', async () => {
    t = await createTestApp();
    const doc = (await t.request('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const known = new Set([...Object.keys(matrix), ...publicRoutes, ...notYetInMatrix]);
    expect(routes.filter((r) => !known.has(r))).toEqual([]);
    expect([...known].filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const [route, entry] of Object.entries(matrix)) {
    it(`${route}: ${entry.allowed.length === signedIn.length ? 'signed in' : entry.allowed.join(', ')}`, async () => {
      t = await createTestApp({
        config: { HUIYIN_SUBMIT_PER_ACCOUNT_PER_HOUR: '0', HUIYIN_REPORT_HIDE_THRESHOLD: '3' },
      });
      const actors = makeActors(t);
      const method = route.split(' ')[0]!;
      const outcome: string[] = [];
      const expected: string[] = [];
      for (const key of actorKeys) {
        const actor = actors[key];
        const call = await entry.call({ t, key, actor, actors });
        const res = await t.request(method, call.path, {
          ...(actor ? { cookie: actor.cookie } : {}),
          ...(call.body === undefined ? {} : { body: call.body }),
        });
        const code = res.json?.error?.code as string | undefined;
        const allowed = entry.allowed.includes(key);
        let got: string;
        if (res.status === 401 && code === 'unauthenticated') got = 'refused 401';
        else if (res.status === 403 && code === 'forbidden') got = 'refused 403';
        else if (
          res.status < 300 ||
          (entry.loose && res.status < 500 && res.status !== 401 && res.status !== 403)
        )
          got = 'acts';
        else got = `unexpected ${res.status} ${code}`;
        outcome.push(`${key}: ${got}`);
        expected.push(
          `${key}: ${allowed ? 'acts' : key === 'anonymous' ? 'refused 401' : 'refused 403'}`,
        );
      }
      expect(outcome).toEqual(expected);
    }, 60_000);
  }
});
