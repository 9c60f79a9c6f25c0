import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/actor.ts';
import { ownsCampaign, requireActor } from '../auth/permissions.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
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
  const replyId = newId('rep', now);
  const scope = parsed.data.topic
    ? { topic: parsed.data.topic }
    : { ids: parsed.data.submissionIds! };
  return s.store.write(async (tx) => {
    const members = await tx.replies.collectiveCandidates(
      campaign.id,
      scope,
      asOwner ? null : units,
    );
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
    const memberIds = members.map((m) => m.id);
    await tx.replies.insertCollective(
      {
        id,
        campaignId: campaign.id,
        title,
        scope: parsed.data.topic ? `topic:${parsed.data.topic}` : `set:${members.length}`,
        authorId: user.id,
        orgId,
        publishedAt: now,
      },
      memberIds,
    );
    await tx.replies.insert({
      id: replyId,
      collectiveId: id,
      unitId: orgId,
      authorId: user.id,
      round: 1,
      version: 1,
      body,
      office: parsed.data.office?.trim() || org?.name || null,
      state: 'approved',
      submittedAt: now,
      reviewerId: user.id,
      reviewedAt: now,
    });
    await tx.handling.markAnswered(memberIds, now);
    await tx.handling.settleAnswered(memberIds, now);
    for (const m of members) {
      const wasPublished = m.status === 'published';
      await tx.timeline.append({
        submissionId: m.id,
        at: now,
        actorId: user.id,
        actorRole: asOwner ? 'owner' : 'handler',
        type: 'collective-reply',
        fromStatus: wasPublished ? 'published' : null,
        toStatus: wasPublished ? 'answered' : null,
        data: { collectiveId: id, title, org: org?.name ?? null },
      });
      await indexSubmission(s, tx, m.id);
      await notify(tx, now, [m.authorId], 'replied', m.id, {
        ref: m.ref,
        title: m.title,
        unit: org?.name ?? null,
        collective: title,
      });
    }
    return { id, members: members.length };
  });
}
