// Demo data for `npm run demo`: accounts for every role and realistic submissions, loaded once.
import { existsSync, readFileSync } from 'node:fs';
import { importLabeled } from '../ops/import-labeled.ts';
import { enqueueJob } from '../jobs/job-runner.ts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { registerAccount } from '../auth/accounts.ts';
import { chinaYear } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { storedPublicText } from '../submissions/submission-row.ts';
import { maskCustomFields, maskPersonalData } from '../text/mask-personal-data.ts';
import { returnReasons, roles, satisfactions } from '../../schema/states.ts';
import { startHandling } from '../handling/start-handling.ts';
import { indexSubmission } from '../search/search-index.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';

import { seedDemoAdoption } from './seed-adoption.ts';

export const demoPassword = 'huiyin-demo-2026';

const accountsFile = z.object({
  accounts: z.array(
    z.object({
      login: z.string(),
      displayName: z.string(),
      roles: z.array(z.object({ role: z.enum(roles), org: z.string().optional() })),
    }),
  ),
});

const submissionsFile = z.object({
  submissions: z.array(
    z.object({
      campaign: z.string(),
      author: z.string(),
      title: z.string(),
      body: z.string(),
      region: z.string().optional(),
      topic: z.string().optional(),
      custom: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      showName: z.boolean().default(false),
      status: z.enum(['received', 'published', 'rejected']),
      rejectReason: z.string().optional(),
      daysAgo: z.number().min(0),
      supporters: z.number().int().min(0).default(0),
    }),
  ),
});

const repliesFile = z.object({
  replies: z.array(
    z.object({
      title: z.string(),
      state: z.enum(['submitted', 'approved', 'returned']),
      daysAfter: z.number().min(0),
      body: z.string(),
      office: z.string().optional(),
      contactPhone: z.string().optional(),
      returnReason: z.enum(returnReasons).optional(),
      returnNote: z.string().optional(),
      rating: z.enum(satisfactions).optional(),
      ratingComment: z.string().optional(),
    }),
  ),
});

/** A handler of the unit to sign the demo reply: the seeded one if any, else a no-login account. */
function unitHandler(s: Services, unitId: string, now: number): string {
  const existing = s.sqlite
    .prepare("select user_id from user_roles where role = 'handler' and org_id = ? limit 1")
    .pluck()
    .get(unitId) as string | undefined;
  if (existing) return existing;
  const unit = s.orgs.get(unitId)!;
  const id = newId('usr', now);
  s.sqlite
    .prepare(
      "insert into users (id, phone, email, password_hash, display_name, created_at) values (?, null, ?, '!no-login', ?, ?)",
    )
    .run(id, `unit-${unit.code}@demo.huiyin.cn`, `${unit.name}承办人`, now);
  s.sqlite
    .prepare("insert into user_roles (user_id, role, org_id) values (?, 'handler', ?)")
    .run(id, unitId);
  return id;
}

/** Replays a unit's reply, its review and the author's rating at the dates they would have happened. */
function applyDemoReply(
  s: Services,
  r: z.infer<typeof repliesFile>['replies'][number],
  reviewerId: string | null,
  now: number,
) {
  const sub = s.sqlite
    .prepare(
      'select s.id, s.author_id as authorId, s.published_at as publishedAt, h.unit_id as unitId, h.due_at as dueAt from submissions s join handlings h on h.submission_id = s.id where s.title = ?',
    )
    .get(r.title) as
    | {
        id: string;
        authorId: string;
        publishedAt: number;
        unitId: string | null;
        dueAt: number | null;
      }
    | undefined;
  if (!sub?.unitId)
    throw new Error(`demo reply '${r.title}': no routed submission with that title`);
  const sentAt = Math.min(now - 3_600_000, sub.publishedAt + r.daysAfter * 86_400_000);
  const reviewedAt = Math.min(now - 1_800_000, sentAt + 4 * 3_600_000);
  const unit = s.orgs.get(sub.unitId)!;
  const replyId = newId('rep', sentAt);
  const reviewed = r.state !== 'submitted';
  s.sqlite
    .prepare(
      `insert into replies (id, submission_id, unit_id, author_id, round, version, body, office, contact_phone, state, submitted_at, due_at, reviewer_id, reviewed_at, return_reason, return_note)
       values (?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      replyId,
      sub.id,
      unit.id,
      unitHandler(s, unit.id, sentAt),
      r.body.trim(),
      r.office ?? null,
      r.contactPhone ?? null,
      r.state,
      sentAt,
      sub.dueAt,
      reviewed ? reviewerId : null,
      reviewed ? reviewedAt : null,
      r.returnReason ?? null,
      r.returnNote ?? null,
    );
  appendEventLegacy(s, {
    submissionId: sub.id,
    at: sentAt,
    actorId: null,
    actorRole: 'handler',
    type: 'reply-submitted',
    data: { unit: unit.name, version: 1, round: 1 },
  });
  if (r.state === 'submitted') {
    s.sqlite.prepare("update handlings set state = 'replied' where submission_id = ?").run(sub.id);
    return;
  }
  if (r.state === 'returned') {
    s.sqlite.prepare("update handlings set state = 'returned' where submission_id = ?").run(sub.id);
    appendEventLegacy(s, {
      submissionId: sub.id,
      at: reviewedAt,
      actorId: reviewerId,
      actorRole: 'reviewer',
      type: 'reply-returned',
      reason: r.returnNote ?? null,
      data: { returnReason: r.returnReason ?? 'other', replyId, version: 1 },
    });
    return;
  }
  s.sqlite
    .prepare("update handlings set state = 'approved', answered_at = ? where submission_id = ?")
    .run(reviewedAt, sub.id);
  s.sqlite.prepare("update submissions set status = 'answered' where id = ?").run(sub.id);
  appendEventLegacy(s, {
    submissionId: sub.id,
    at: reviewedAt,
    actorId: reviewerId,
    actorRole: 'reviewer',
    type: 'reply-approved',
    fromStatus: 'published',
    toStatus: 'answered',
    data: { unit: unit.name, replyId, round: 1 },
  });
  if (!r.rating) return;
  const ratedAt = Math.min(now - 600_000, reviewedAt + 86_400_000);
  s.sqlite
    .prepare(
      'insert into ratings (submission_id, round, value, comment, unit_id, at) values (?, 1, ?, ?, ?, ?)',
    )
    .run(sub.id, r.rating, r.ratingComment ?? null, unit.id, ratedAt);
  appendEventLegacy(s, {
    submissionId: sub.id,
    at: ratedAt,
    actorId: sub.authorId,
    actorRole: 'netizen',
    type: 'rated',
    reason: r.ratingComment ?? null,
    data: { value: r.rating, round: 1 },
  });
  if (r.rating === 'unsatisfied') {
    const dueAt = s.calendar.dueAt(ratedAt, 5);
    s.sqlite
      .prepare(
        "update handlings set state = 'routed', round = 2, routed_at = ?, due_at = ?, answered_at = null where submission_id = ?",
      )
      .run(ratedAt, dueAt, sub.id);
    s.sqlite
      .prepare(
        "insert into handling_assignments (submission_id, unit_id, from_unit_id, how, reason, actor_id, at, round) values (?, ?, ?, 'reopen', ?, ?, ?, 2)",
      )
      .run(sub.id, unit.id, unit.id, r.ratingComment ?? null, sub.authorId, ratedAt);
    appendEventLegacy(s, {
      submissionId: sub.id,
      at: ratedAt,
      actorId: null,
      actorRole: null,
      type: 'reopened',
      reason: 'rated 不满意',
      data: { round: 2, dueAt },
    });
  } else {
    s.sqlite.prepare("update handlings set state = 'rated' where submission_id = ?").run(sub.id);
    s.sqlite.prepare("update submissions set status = 'closed' where id = ?").run(sub.id);
    appendEventLegacy(s, {
      submissionId: sub.id,
      at: ratedAt,
      actorId: null,
      actorRole: null,
      type: 'closed',
      fromStatus: 'answered',
      toStatus: 'closed',
    });
  }
}

function readDemo<T>(name: string, schema: z.ZodType<T>): T {
  return schema.parse(parseYaml(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')));
}

/** Seeds accounts and submissions unless the first demo account already exists. */
export async function seedDemo(
  s: Services,
): Promise<{ accounts: number; submissions: number } | null> {
  const { accounts } = readDemo('accounts.yaml', accountsFile);
  const first = accounts[0]!.login;
  if (s.sqlite.prepare('select 1 from users where phone = ? or email = ?').get(first, first))
    return null;

  const ids = new Map<string, string>();
  for (const a of accounts) {
    const extra = a.roles
      .filter((r) => r.role !== 'netizen')
      .map((r) => ({ role: r.role, orgId: r.org ? (s.orgs.getByCode(r.org)?.id ?? null) : null }));
    ids.set(
      a.login,
      await registerAccount(
        s,
        { login: a.login, password: demoPassword, displayName: a.displayName },
        extra,
      ),
    );
  }

  const { submissions } = readDemo('submissions.yaml', submissionsFile);
  const reviewerId =
    [...ids.entries()].find(([login]) => login.startsWith('reviewer@'))?.[1] ?? null;
  const now = s.clock.now();
  const maxSupporters = Math.max(0, ...submissions.map((x) => x.supporters));
  const st = {
    user: s.sqlite.prepare(
      "insert into users (id, phone, email, password_hash, display_name, created_at) values (?, null, ?, '!no-login', ?, ?)",
    ),
    counter: s.sqlite
      .prepare(
        'insert into ref_counters (key, last) values (?, 1) on conflict(key) do update set last = last + 1 returning last',
      )
      .pluck(),
    insert: s.sqlite.prepare(
      `insert into submissions (id, ref, campaign_id, author_id, kind, title, body, title_public, body_public, has_personal_data,
        region_code, topic, custom, custom_public, show_name, status, reject_reason, support_count, created_at, published_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: s.sqlite.prepare(
      `insert into timeline_events (submission_id, at, actor_id, actor_role, type, from_status, to_status, reason)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    support: s.sqlite.prepare(
      'insert or ignore into supports (submission_id, user_id, created_at) values (?, ?, ?)',
    ),
  };

  s.sqlite.transaction(() => {
    // Supporters who cannot sign in ('!no-login' is no password hash): they only carry demo supports.
    const supporters = [...ids.values()];
    for (let i = supporters.length; i < maxSupporters + 1; i++) {
      const id = newId('usr', now - i);
      st.user.run(id, `supporter-${i}@demo.huiyin.cn`, `网友${1000 + i}`, now);
      supporters.push(id);
    }
    // Oldest first, so reference numbers rise with time as they would have.
    const ordered = [...submissions].sort((a, b) => b.daysAgo - a.daysAgo);
    for (const x of ordered) {
      const campaign = s.campaigns.get(x.campaign);
      const authorId = ids.get(x.author);
      if (!campaign || !authorId)
        throw new Error(`demo submission '${x.title}': unknown campaign or author`);
      const at = Math.round(now - x.daysAgo * 86_400_000);
      const key = `${campaign.definition.refPrefix}-${chinaYear(at)}`;
      const ref = `${key}-${String(st.counter.get(key) as number).padStart(6, '0')}`;
      const title = maskPersonalData(x.title.trim());
      const body = maskPersonalData(x.body.trim());
      const custom = maskCustomFields(x.custom ?? {});
      const publishedAt = x.status === 'published' ? at + 3 * 3_600_000 : null;
      const backers =
        x.status === 'published'
          ? supporters.filter((u) => u !== authorId).slice(0, x.supporters)
          : [];
      const id = newId('sub', at);
      st.insert.run(
        id,
        ref,
        campaign.id,
        authorId,
        campaign.definition.submissionKind,
        x.title.trim(),
        x.body.trim(),
        storedPublicText(x.title.trim(), title.text),
        storedPublicText(x.body.trim(), body.text),
        title.masked || body.masked || custom.masked ? 1 : 0,
        x.region ?? null,
        x.topic ?? null,
        x.custom ? JSON.stringify(x.custom) : null,
        custom.masked ? JSON.stringify(custom.custom) : null,
        x.showName ? 1 : 0,
        x.status,
        x.rejectReason ?? null,
        backers.length,
        at,
        publishedAt,
        publishedAt ?? at,
      );
      st.event.run(id, at, authorId, 'netizen', 'received', null, 'received', null);
      s.nearDuplicates.record(campaign.id, id, `${title.text}\n${body.text}`);
      if (x.status === 'published') {
        const auto = campaign.definition.moderation === 'post';
        st.event.run(
          id,
          publishedAt,
          auto ? null : reviewerId,
          auto ? null : 'reviewer',
          'published',
          'received',
          'published',
          auto ? 'campaign publishes at once' : null,
        );
      } else if (x.status === 'rejected') {
        st.event.run(
          id,
          at + 5 * 3_600_000,
          reviewerId,
          'reviewer',
          'rejected',
          'received',
          'rejected',
          x.rejectReason ?? null,
        );
      }
      for (const u of backers) st.support.run(id, u, at + 6 * 3_600_000);
      if (publishedAt !== null) {
        startHandling(
          s,
          campaign,
          {
            id,
            ref,
            title: x.title,
            body: x.body,
            topic: x.topic ?? null,
            regionCode: x.region ?? null,
            custom: x.custom ?? {},
          },
          publishedAt,
        );
      }
    }
    const { replies } = readDemo('replies.yaml', repliesFile);
    for (const r of replies) applyDemoReply(s, r, reviewerId, now);
    const visible = s.sqlite
      .prepare("select id from submissions where status in ('published', 'answered', 'closed')")
      .pluck()
      .all() as string[];
    for (const id of visible) indexSubmission(s, id);
  })();
  // Labelled history for the routed campaign's classifier, when the shared data is beside
  // the project; the model is trained by a recorded job once the server runs.
  const history = new URL('../../../shared/data/messages_labeled.csv', import.meta.url);
  const routed = s.campaigns.all().find((c) => c.definition.handling.mode === 'routed');
  if (routed && existsSync(history)) {
    importLabeled(s, routed.slug, readFileSync(history, 'utf8'));
    enqueueJob(s, 'train-classifier', routed.id, null);
  }
  for (const campaign of s.campaigns.all()) enqueueJob(s, 'cluster-run', campaign.id, null);
  await seedDemoAdoption(s);
  return { accounts: accounts.length, submissions: submissions.length };
}
