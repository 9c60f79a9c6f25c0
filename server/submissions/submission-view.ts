import type { Actor } from '../auth/actor.ts';
import { addresseeTexts } from '../organisations/addressee-directory.ts';
import { sealedAmong } from '../auth/permissions.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import type { Services } from '../services.ts';
import type { HoldState } from '../../schema/states.ts';
import { publicStatuses, type SubmissionRow } from './submission-row.ts';

/** What a list adds to each submission it shows: whether the reader supported it, its weight. */
export type ViewExtras = { supported?: Set<string>; weights?: Map<string, number> };

/**
 * Shapes submissions for one reader: the public and other netizens get masked text and no hidden
 * author; the author and staff with the right role get the sealed original. Reported text held
 * or hidden (server/trust) is withheld from readers who may not see it sealed. Batch-shaped: a
 * page costs at most two statements (holds, and the handling units when the reader is a
 * handler), whatever its size.
 */
export async function viewSubmissions(
  s: Services,
  actor: Actor | null,
  rows: readonly SubmissionRow[],
  extras: ViewExtras = {},
) {
  const [sealed, holds] = await Promise.all([
    sealedAmong(s, actor, rows),
    s.store.trust.holds(
      'submission',
      rows.filter((r) => publicStatuses.includes(r.status)).map((r) => r.id),
    ),
  ]);
  return rows.map((row) =>
    shape(s, actor, row, sealed.has(row.id), holds.get(row.id) ?? null, extras),
  );
}

/** One submission for one reader (see `viewSubmissions`). */
export async function viewSubmission(
  s: Services,
  actor: Actor | null,
  row: SubmissionRow,
  extras: ViewExtras = {},
) {
  return (await viewSubmissions(s, actor, [row], extras))[0]!;
}

export type SubmissionView = Awaited<ReturnType<typeof viewSubmission>>;

/** Whether held text is withheld from this reader: the hold, and the reader's sealed access. */
export async function withholding(
  s: Services,
  actor: Actor | null,
  rows: readonly SubmissionRow[],
): Promise<Map<string, { hold: HoldState | null; withheld: boolean }>> {
  const [sealed, holds] = await Promise.all([
    sealedAmong(s, actor, rows),
    s.store.trust.holds(
      'submission',
      rows.filter((r) => publicStatuses.includes(r.status)).map((r) => r.id),
    ),
  ]);
  return new Map(
    rows.map((r) => {
      const hold = holds.get(r.id) ?? null;
      return [r.id, { hold, withheld: hold !== null && !sealed.has(r.id) }];
    }),
  );
}

/** Whom a message is to, as every page names it: key, office title and holder if named. */
export function addresseeSummary(s: Services, id: string | null) {
  const a = id ? s.addressees.get(id) : undefined;
  if (!a) return null;
  return { key: a.key, ...addresseeTexts(a) };
}

function shape(
  s: Services,
  actor: Actor | null,
  row: SubmissionRow,
  sealed: boolean,
  hold: HoldState | null,
  extras: ViewExtras,
) {
  const campaign: CampaignRecord = s.campaigns.getById(row.campaignId)!;
  const def = campaign.definition;
  const topic = def.topics.find((t) => t.key === row.topic);
  const withheld = hold !== null && !sealed;
  // Custom fields are public text like the body: masked unless the reader may see it sealed.
  const custom = sealed ? row.custom : row.customPublic;
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
    addressee: addresseeSummary(s, row.addresseeId),
    custom: (custom ? JSON.parse(custom) : {}) as Record<string, string | number>,
    author: row.showName || sealed ? { displayName: row.authorName } : null,
    showName: row.showName === 1,
    status: row.status,
    rejectReason: sealed ? row.rejectReason : null,
    supportCount: row.supportCount,
    sameText: extras.weights?.get(row.id) ?? 1,
    supportedByMe: extras.supported?.has(row.id) ?? false,
    mine: actor?.id === row.authorId,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
  };
}
