import type { Actor } from '../auth/actor.ts';
import { canSeeSealed } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import type { SubmissionRow } from './submission-row.ts';
import { holdOf } from '../trust/content-holds.ts';

/**
 * Shapes a submission for one reader: the public and other netizens get masked text and no
 * hidden author; the author and staff with the right role get the sealed original.
 */
export function viewSubmission(
  s: Services,
  actor: Actor | null,
  row: SubmissionRow,
  supportedByMe = false,
  sameText = 1,
) {
  const campaign = s.campaigns.getById(row.campaignId)!;
  const def = campaign.definition;
  const sealed = canSeeSealed(s, actor, campaign, row.authorId, row.id);
  const topic = def.topics.find((t) => t.key === row.topic);
  const mine = actor?.id === row.authorId;
  // Reported text held or hidden (server/trust) is withheld from readers who may not see sealed text.
  const hold =
    row.status === 'published' || row.status === 'answered' || row.status === 'closed'
      ? holdOf(s, 'submission', row.id)
      : null;
  const withheld = hold !== null && !sealed;
  return {
    id: row.id,
    ref: row.ref,
    campaign: { slug: campaign.slug, title: def.title },
    kind: row.kind,
    title: withheld ? '' : sealed ? row.title : row.titlePublic,
    body: withheld ? '' : sealed ? row.body : row.bodyPublic,
    hold,
    masked: !sealed && row.hasPersonalData === 1,
    region: row.regionCode
      ? { code: row.regionCode, name: s.regions.fullName(row.regionCode) ?? row.regionCode }
      : null,
    topic: topic ? { key: topic.key, title: topic.title } : null,
    custom: (row.custom ? JSON.parse(row.custom) : {}) as Record<string, string | number>,
    author: row.showName || sealed ? { displayName: row.authorName } : null,
    showName: row.showName === 1,
    status: row.status,
    rejectReason: sealed ? row.rejectReason : null,
    supportCount: row.supportCount,
    sameText,
    supportedByMe,
    mine,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
  };
}

export type SubmissionView = ReturnType<typeof viewSubmission>;
