// The views of submissions the routes answer with: pages of lists and one submission in full.
// Each costs a fixed number of statements whatever the page size.
import type { Actor } from '../auth/actor.ts';
import { canSeeSealed, canSeeSealedAsStaff, requireRole } from '../auth/permissions.ts';
import type { CampaignRecord } from '../campaigns/campaign-registry.ts';
import { viewHandling } from '../handling/handling-view.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { PageQuery, PublicListQuery } from '../store/submissions.ts';
import { adoptionsOfSubmission } from '../tracing/adoption-views.ts';
import { publicStatuses } from './submission-row.ts';
import { viewSubmission, viewSubmissions } from './submission-view.ts';
import { viewTimeline } from './timeline-view.ts';

export function campaignOr404(s: Services, slug: string): CampaignRecord {
  const campaign = s.campaigns.get(slug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  return campaign;
}

/** The list's filters as the store takes them: an addressee by key (404 when there is none). */
export function publicListQuery(
  s: Services,
  q: Omit<PublicListQuery, 'addresseeId' | 'answered'> & { addressee?: string; answered?: '1' },
): PublicListQuery {
  const { addressee, answered, ...rest } = q;
  const found = addressee === undefined ? undefined : s.addressees.getByKey(addressee);
  if (addressee !== undefined && !found) throw new ApiError('not_found', 'No such addressee');
  return {
    ...rest,
    ...(found ? { addresseeId: found.id } : {}),
    ...(answered ? { answered: true } : {}),
  };
}

/** A campaign's public submissions, one voice per form letter, with supports and weights. */
export async function publicSubmissionPage(
  s: Services,
  actor: Actor | null,
  campaign: CampaignRecord,
  q: PublicListQuery,
) {
  const { rows, total } = await s.store.submissions.listPublic(campaign.id, q);
  const ids = rows.map((r) => r.id);
  const [supported, weights] = await Promise.all([
    s.store.submissions.supportedBy(actor?.id, ids),
    s.store.submissions.voiceWeights(ids),
  ]);
  const items = await viewSubmissions(s, actor, rows, { supported, weights });
  return { items, page: q.page, pageSize: q.pageSize, total };
}

/** The signed-in author's own submissions, in every status. */
export async function authorSubmissionPage(s: Services, actor: Actor, q: PageQuery) {
  const { rows, total } = await s.store.submissions.listByAuthor(actor.id, q);
  return {
    items: await viewSubmissions(s, actor, rows),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

/** Submissions waiting for a reviewer, oldest first, with their original text. */
export async function moderationQueuePage(
  s: Services,
  actor: Actor | null,
  q: PageQuery & { campaign?: string | undefined },
) {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const campaignId = q.campaign ? campaignOr404(s, q.campaign).id : undefined;
  const { rows, total } = await s.store.submissions.listModerationQueue({ ...q, campaignId });
  return {
    items: await viewSubmissions(s, reviewer, rows),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

/** One submission for a reader; unpublished ones only for those who may see them sealed. */
export async function submissionFor(s: Services, actor: Actor | null, id: string) {
  const row = await s.store.submissions.find(id);
  const campaign = row && s.campaigns.getById(row.campaignId);
  if (!row || !campaign) throw new ApiError('not_found', 'No such submission');
  if (
    !publicStatuses.includes(row.status) &&
    !(await canSeeSealed(s, actor, campaign, row.authorId, row.id))
  )
    throw new ApiError('not_found', 'No such submission');
  return { row, campaign };
}

/** A submission with its timeline, handling and adoptions, as its page shows it. */
export async function submissionDetail(s: Services, actor: Actor | null, id: string) {
  const { row, campaign } = await submissionFor(s, actor, id);
  const [supported, weights, timeline, sealedForStaff] = await Promise.all([
    s.store.submissions.supportedBy(actor?.id, [row.id]),
    s.store.submissions.voiceWeights([row.id]),
    s.store.timeline.of(row.id),
    canSeeSealedAsStaff(s, actor, campaign, row.id),
  ]);
  return {
    submission: await viewSubmission(s, actor, row, { supported, weights }),
    timeline: viewTimeline(actor, timeline, sealedForStaff),
    handling: await viewHandling(s, actor, row),
    adoptions: publicStatuses.includes(row.status) ? await adoptionsOfSubmission(s, row.id) : [],
  };
}
