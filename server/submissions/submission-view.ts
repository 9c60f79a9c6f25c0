import type { Actor } from '../auth/actor.ts';
import { canSeeSealed } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import type { HoldState } from '../../schema/states.ts';
import { holdOf } from '../trust/content-holds.ts';
import { publicStatuses, type SubmissionRow } from './submission-row.ts';

/**
 * Reported text held or hidden (server/trust) is withheld from readers who may not see sealed
 * text; the author and staff still read it. Lists that leave withheld items out use this too.
 */
export function withholding(
  s: Services,
  actor: Actor | null,
  row: SubmissionRow,
  sealed?: boolean,
): { hold: HoldState | null; withheld: boolean } {
  const hold = publicStatuses.includes(row.status) ? holdOf(s, 'submission', row.id) : null;
  if (hold === null) return { hold, withheld: false };
  const campaign = s.campaigns.getById(row.campaignId)!;
  return {
    hold,
    withheld: !(sealed ?? canSeeSealed(s, actor, campaign, row.authorId, row.id)),
  };
}

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
  const { hold, withheld } = withholding(s, actor, row, sealed);
  return {
    id: row.id,
    ref: row.ref,
    campaign: { slug: campaign.slug, title: def.title },
    kind: row.kind,
    title: withheld ? '' : sealed ? row.title : row.titlePublic,
    body: withheld ? '' : sealed ? row.body : row.bodyPublic,
    hold,
    // Set when anything this reader received (title, body or a custom field) was masked.
    masked: !sealed && row.hasPersonalData === 1,
    region: row.regionCode
      ? { code: row.regionCode, name: s.regions.fullName(row.regionCode) ?? row.regionCode }
      : null,
    topic: topic ? { key: topic.key, title: topic.title } : null,
    // Custom fields are public text like the body: masked unless the reader may see it sealed.
    custom: (() => {
      const json = sealed ? row.custom : row.customPublic;
      return (json ? JSON.parse(json) : {}) as Record<string, string | number>;
    })(),
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
