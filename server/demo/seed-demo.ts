// Demo data for `npm run demo`: accounts for every role and realistic submissions, loaded once.
import { existsSync, readFileSync } from 'node:fs';
import { importLabeled } from '../ops/import-labeled.ts';
import { enqueueJob, kickJobs, queueJob } from '../jobs/job-runner.ts';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { registerAccount } from '../auth/accounts.ts';
import { chinaYear } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { storedPublicText } from '../submissions/submission-row.ts';
import { maskCustomFields, maskPersonalData } from '../text/mask-personal-data.ts';
import { returnReasons, roles, satisfactions } from '../../schema/states.ts';
import { handlingContext, startHandling } from '../handling/start-handling.ts';
import type { RoutingModel } from '../sensemaking/routing-models.ts';
import { writeDemo, type DemoStore } from '../store/demo.ts';
import type { Tx } from '../store/store.ts';

import { seedDemoAdoption } from './seed-adoption.ts';

export const demoPassword = 'huiyin-demo-2026';
/** No password hash: accounts that only carry demo supports or sign demo replies. */
const noLogin = '!no-login';

const accountsFile = z.object({
  accounts: z.array(
    z.object({
      login: z.string(),
      displayName: z.string(),
      roles: z.array(
        z.object({
          role: z.enum(roles),
          org: z.string().optional(),
          /** The leader an `office` role serves (an addressee key). */
          addressee: z.string().optional(),
        }),
      ),
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
      /** Key of the addressee a leadership-board message is written to. */
      addressee: z.string().optional(),
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

type DemoReply = z.infer<typeof repliesFile>['replies'][number];

/** A handler of the unit to sign the demo reply: the seeded one if any, else a no-login account. */
async function unitHandler(s: Services, tx: Tx, unitId: string, now: number): Promise<string> {
  const [existing] = await tx.accounts.handlersOf(unitId);
  if (existing) return existing;
  const unit = s.orgs.get(unitId)!;
  const id = newId('usr', now);
  await tx.accounts.insertUser({
    id,
    phone: null,
    email: `unit-${unit.code}@demo.huiyin.cn`,
    passwordHash: noLogin,
    displayName: `${unit.name}承办人`,
    createdAt: now,
  });
  await tx.accounts.grantRole(id, 'handler', unitId);
  return id;
}

/** Replays a unit's reply, its review and the author's rating at the dates they would have happened. */
async function applyDemoReply(
  s: Services,
  tx: Tx,
  demo: DemoStore,
  r: DemoReply,
  reviewerId: string | null,
  now: number,
) {
  const sub = await demo.routedByTitle(r.title);
  if (!sub?.unitId)
    throw new Error(`demo reply '${r.title}': no routed submission with that title`);
  const sentAt = Math.min(now - 3_600_000, sub.publishedAt! + r.daysAfter * 86_400_000);
  const reviewedAt = Math.min(now - 1_800_000, sentAt + 4 * 3_600_000);
  const unit = s.orgs.get(sub.unitId)!;
  const replyId = newId('rep', sentAt);
  const reviewed = r.state !== 'submitted';
  await demo.insertReply({
    id: replyId,
    submissionId: sub.id,
    unitId: unit.id,
    authorId: await unitHandler(s, tx, unit.id, sentAt),
    body: r.body.trim(),
    office: r.office ?? null,
    contactPhone: r.contactPhone ?? null,
    state: r.state,
    submittedAt: sentAt,
    dueAt: sub.dueAt,
    reviewerId: reviewed ? reviewerId : null,
    reviewedAt: reviewed ? reviewedAt : null,
    returnReason: r.returnReason ?? null,
    returnNote: r.returnNote ?? null,
  });
  await tx.timeline.append({
    submissionId: sub.id,
    at: sentAt,
    actorId: null,
    actorRole: 'handler',
    type: 'reply-submitted',
    data: { unit: unit.name, version: 1, round: 1 },
  });
  if (r.state === 'submitted') {
    await demo.setHandlingState(sub.id, 'replied');
    return;
  }
  if (r.state === 'returned') {
    await demo.setHandlingState(sub.id, 'returned');
    await tx.timeline.append({
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
  await demo.answerHandling(sub.id, reviewedAt);
  await demo.setStatus(sub.id, 'answered');
  await tx.timeline.append({
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
  await demo.rate(sub.id, r.rating, r.ratingComment ?? null, unit.id, ratedAt);
  await tx.timeline.append({
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
    await demo.reopenHandling(sub.id, ratedAt, dueAt);
    await tx.handling.recordAssignment({
      submissionId: sub.id,
      unitId: unit.id,
      fromUnitId: unit.id,
      how: 'reopen',
      reason: r.ratingComment ?? null,
      actorId: sub.authorId,
      at: ratedAt,
      round: 2,
    });
    await tx.timeline.append({
      submissionId: sub.id,
      at: ratedAt,
      actorId: null,
      actorRole: null,
      type: 'reopened',
      reason: 'rated 不满意',
      data: { round: 2, dueAt },
    });
  } else {
    await demo.setHandlingState(sub.id, 'rated');
    await demo.setStatus(sub.id, 'closed');
    await tx.timeline.append({
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
  if (await s.store.accounts.loginTaken(first, first)) return null;

  const ids = new Map<string, string>();
  for (const a of accounts) {
    const extra = a.roles
      .filter((r) => r.role !== 'netizen')
      .map((r) => ({
        role: r.role,
        orgId: r.org ? (s.orgs.getByCode(r.org)?.id ?? null) : null,
        addresseeId: r.addressee ? (s.addressees.getByKey(r.addressee)?.id ?? null) : null,
      }));
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
  const { replies } = readDemo('replies.yaml', repliesFile);
  const reviewerId =
    [...ids.entries()].find(([login]) => login.startsWith('reviewer@'))?.[1] ?? null;
  const now = s.clock.now();
  const maxSupporters = Math.max(0, ...submissions.map((x) => x.supporters));
  // Oldest first, so reference numbers rise with time as they would have.
  const ordered = [...submissions].sort((a, b) => b.daysAgo - a.daysAgo);
  const campaigns = new Map(ordered.map((x) => [x.campaign, s.campaigns.get(x.campaign)]));
  // What starting a handling reads outside the write: each campaign's routing model.
  const models = new Map<string, RoutingModel | null>();
  for (const campaign of campaigns.values())
    if (campaign && !models.has(campaign.id))
      models.set(campaign.id, await handlingContext(s, campaign));

  // Everything else is one write: the submissions, their supports and histories, the replies.
  await writeDemo(s.store, async (tx, demo) => {
    // Supporters who cannot sign in ('!no-login' is no password hash): they only carry demo supports.
    const supporters = [...ids.values()];
    for (let i = supporters.length; i < maxSupporters + 1; i++) {
      const id = newId('usr', now - i);
      await tx.accounts.insertUser({
        id,
        phone: null,
        email: `supporter-${i}@demo.huiyin.cn`,
        passwordHash: noLogin,
        displayName: `网友${1000 + i}`,
        createdAt: now,
      });
      supporters.push(id);
    }
    for (const x of ordered) {
      const campaign = campaigns.get(x.campaign);
      const authorId = ids.get(x.author);
      if (!campaign || !authorId)
        throw new Error(`demo submission '${x.title}': unknown campaign or author`);
      const at = Math.round(now - x.daysAgo * 86_400_000);
      const key = `${campaign.definition.refPrefix}-${chinaYear(at)}`;
      const ref = `${key}-${String(await tx.campaigns.nextRef(key)).padStart(6, '0')}`;
      const title = maskPersonalData(x.title.trim());
      const body = maskPersonalData(x.body.trim());
      const custom = maskCustomFields(x.custom ?? {});
      const publishedAt = x.status === 'published' ? at + 3 * 3_600_000 : null;
      const backers =
        x.status === 'published'
          ? supporters.filter((u) => u !== authorId).slice(0, x.supporters)
          : [];
      const addresseeId = x.addressee ? (s.addressees.getByKey(x.addressee)?.id ?? null) : null;
      if (x.addressee && !addresseeId)
        throw new Error(`demo submission '${x.title}': unknown addressee '${x.addressee}'`);
      const id = newId('sub', at);
      await demo.insertSubmission({
        id,
        ref,
        campaignId: campaign.id,
        authorId,
        kind: campaign.definition.submissionKind,
        title: x.title.trim(),
        body: x.body.trim(),
        titlePublic: storedPublicText(x.title.trim(), title.text),
        bodyPublic: storedPublicText(x.body.trim(), body.text),
        hasPersonalData: title.masked || body.masked || custom.masked ? 1 : 0,
        regionCode: x.region ?? null,
        addresseeId,
        topic: x.topic ?? null,
        custom: x.custom ? JSON.stringify(x.custom) : null,
        customPublic: custom.masked ? JSON.stringify(custom.custom) : null,
        showName: x.showName ? 1 : 0,
        status: x.status,
        rejectReason: x.rejectReason ?? null,
        supportCount: backers.length,
        createdAt: at,
        publishedAt,
        updatedAt: publishedAt ?? at,
      });
      const event = { submissionId: id, fromStatus: 'received' } as const;
      await tx.timeline.append({
        submissionId: id,
        at,
        actorId: authorId,
        actorRole: 'netizen',
        type: 'received',
        toStatus: 'received',
      });
      // Near-duplicate grouping, search words and clusters follow through the sensemaking queue.
      await tx.sensemaking.enqueue(id, 'arrived');
      if (x.status === 'published') {
        const auto = campaign.definition.moderation === 'post';
        await tx.timeline.append({
          ...event,
          at: publishedAt!,
          actorId: auto ? null : reviewerId,
          actorRole: auto ? null : 'reviewer',
          type: 'published',
          toStatus: 'published',
          reason: auto ? 'campaign publishes at once' : null,
        });
      } else if (x.status === 'rejected') {
        await tx.timeline.append({
          ...event,
          at: at + 5 * 3_600_000,
          actorId: reviewerId,
          actorRole: 'reviewer',
          type: 'rejected',
          toStatus: 'rejected',
          reason: x.rejectReason ?? null,
        });
      }
      for (const u of backers) await tx.submissions.addSupport(id, u, at + 6 * 3_600_000);
      if (publishedAt !== null) {
        await startHandling(
          s,
          tx,
          campaign,
          models.get(campaign.id) ?? null,
          {
            id,
            ref,
            title: x.title,
            body: x.body,
            topic: x.topic ?? null,
            regionCode: x.region ?? null,
            addresseeId,
            custom: x.custom ?? {},
          },
          publishedAt,
        );
        await tx.sensemaking.enqueue(id, 'published');
      }
    }
    for (const r of replies) await applyDemoReply(s, tx, demo, r, reviewerId, now);
    // Each campaign's topic clusters are computed by a recorded job once the server runs.
    for (const campaign of s.campaigns.all())
      await enqueueJob(tx, now, 'cluster-run', campaign.id, null);
  });
  kickJobs(s);
  // The demo opens with its near-duplicates found and its texts searchable.
  s.sensemaking.kick();
  await s.sensemaking.settled();
  // Labelled history for the routed campaign's classifier, when the shared data is beside
  // the project; the model is trained by a recorded job once the server runs.
  const history = new URL('../../../shared/data/messages_labeled.csv', import.meta.url);
  const routed = s.campaigns.all().find((c) => c.definition.handling.mode === 'routed');
  if (routed && existsSync(history)) {
    await importLabeled(s, routed.slug, readFileSync(history, 'utf8'));
    await queueJob(s, 'train-classifier', routed.id, null);
  }
  await seedDemoAdoption(s);
  return { accounts: accounts.length, submissions: submissions.length };
}
