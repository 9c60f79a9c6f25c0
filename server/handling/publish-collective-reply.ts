import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/actor.ts';
import { ownsCampaign, requireActor } from '../auth/permissions.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import { notifyLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { cleanText } from '../submissions/submission-input.ts';
import { unitsOf } from './handling-permissions.ts';
import { indexSubmission } from '../search/search-index.ts';

export const collectiveInput = z
  .strictObject({
    title: z.string().max(200),
    body: z.string().max(20_000),
    office: z.string().max(100).optional(),
    topic: z.string().max(64).optional(),
    submissionIds: z.array(z.string().max(64)).max(5000).optional(),
  })
  .refine((x) => !!x.topic !== !!x.submissionIds, {
    message: 'give either a topic or a list of submissions',
    path: ['topic'],
  });

/**
 * 公开答复: one public reply to many submissions (every published one of a topic, or a chosen set).
 * Members become answered, every author is told and may rate it. A campaign's owner may answer
 * any of its submissions; a unit only those it holds.
 */
export async function publishCollectiveReply(
  s: Services,
  actor: Actor | null,
  campaign: CampaignRecord,
  raw: unknown,
) {
  const user = requireActor(actor);
  const parsed = collectiveInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const title = cleanText(parsed.data.title);
  const body = cleanText(parsed.data.body);
  const fields: Record<string, string> = {};
  if ([...title].length < 2) fields.title = 'at least 2 characters';
  if ([...body].length < 10) fields.body = 'at least 10 characters';
  if (parsed.data.topic && !campaign.definition.topics.some((t) => t.key === parsed.data.topic))
    fields.topic = 'unknown topic';
  if (Object.keys(fields).length)
    throw new ApiError('validation_failed', 'Some fields are not valid', { fields });

  const asOwner = ownsCampaign(s, user, campaign);
  const units = unitsOf(user);
  if (!asOwner && units.length === 0 && !hasRole(user, 'admin')) {
    throw new ApiError(
      'forbidden',
      "Only the campaign's owner or a handling unit can answer publicly",
    );
  }
  const now = s.clock.now();
  const id = newId('col', now);
  return s.writer.run(() => {
    const scopeSql = parsed.data.topic
      ? { where: 's.topic = ?', args: [parsed.data.topic] as string[] }
      : {
          where: `s.id in (${parsed.data.submissionIds!.map(() => '?').join(',')})`,
          args: parsed.data.submissionIds!,
        };
    const unitFilter = asOwner
      ? ''
      : ` and h.unit_id in (${units.map(() => '?').join(',') || "''"})`;
    const members = s.sqlite
      .prepare(
        `select s.id, s.ref, s.title, s.author_id as authorId, s.status, h.state as handlingState from submissions s
         left join handlings h on h.submission_id = s.id
         where s.campaign_id = ? and s.status in ('published', 'answered') and ${scopeSql.where}${unitFilter}`,
      )
      .all(campaign.id, ...scopeSql.args, ...(asOwner ? [] : units)) as {
      id: string;
      ref: string;
      title: string;
      authorId: string;
      status: string;
      handlingState: string | null;
    }[];
    // Chosen submissions outside one's own unit are a permission matter (403), checked before
    // the empty-topic case so another unit is refused, not told its choice was empty.
    if (parsed.data.submissionIds && members.length !== new Set(parsed.data.submissionIds).size) {
      throw new ApiError(
        'forbidden',
        'Some of those submissions are not yours to answer, or not published',
      );
    }
    if (members.length === 0)
      throw new ApiError('validation_failed', 'No published submission matches', {
        fields: { topic: 'no submissions' },
      });
    const orgId = asOwner ? campaign.ownerOrgId : (units[0] ?? null);
    const org = orgId ? s.orgs.get(orgId) : undefined;
    s.sqlite
      .prepare(
        'insert into collective_replies (id, campaign_id, title, scope, author_id, org_id, published_at) values (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        campaign.id,
        title,
        parsed.data.topic ? `topic:${parsed.data.topic}` : `set:${members.length}`,
        user.id,
        orgId,
        now,
      );
    s.sqlite
      .prepare(
        `insert into replies (id, collective_id, unit_id, author_id, round, version, body, office, state, submitted_at, reviewer_id, reviewed_at)
         values (?, ?, ?, ?, 1, 1, ?, ?, 'approved', ?, ?, ?)`,
      )
      .run(
        newId('rep', now),
        id,
        orgId,
        user.id,
        body,
        parsed.data.office?.trim() || org?.name || null,
        now,
        user.id,
        now,
      );
    const member = s.sqlite.prepare(
      'insert into collective_reply_members (collective_id, submission_id) values (?, ?)',
    );
    const answer = s.sqlite.prepare(
      "update submissions set status = 'answered', updated_at = ? where id = ? and status = 'published'",
    );
    const settle = s.sqlite.prepare(
      "update handlings set state = 'approved', answered_at = ?, updated_at = ? where submission_id = ? and state in ('unrouted', 'routed', 'returned')",
    );
    for (const m of members) {
      member.run(id, m.id);
      answer.run(now, m.id);
      settle.run(now, now, m.id);
      indexSubmission(s, m.id);
      appendEventLegacy(s, {
        submissionId: m.id,
        at: now,
        actorId: user.id,
        actorRole: asOwner ? 'owner' : 'handler',
        type: 'collective-reply',
        fromStatus: m.status === 'published' ? 'published' : null,
        toStatus: m.status === 'published' ? 'answered' : null,
        data: { collectiveId: id, title, org: org?.name ?? null },
      });
      notifyLegacy(s, [m.authorId], 'replied', m.id, {
        ref: m.ref,
        title: m.title,
        unit: org?.name ?? null,
        collective: title,
      });
    }
    return { id, members: members.length };
  });
}
