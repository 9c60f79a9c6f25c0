import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { phaseAllows } from '../campaigns/phases.ts';
import { chinaDate } from '../clock.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { publicStatuses } from './submission-row.ts';
import { getSubmission } from './submission-queries.ts';
import { recordSupportOrigin } from '../trust/support-bursts.ts';

/** One support (点赞) per account per submission; the count is kept on the row for sorting. */
export async function supportSubmission(
  s: Services,
  actor: Actor | null,
  id: string,
  clientIp = 'local',
): Promise<{ supportCount: number }> {
  const user = requireActor(actor);
  const row = await getSubmission(s, id);
  if (!publicStatuses.includes(row.status)) throw new ApiError('not_found', 'No such submission');
  if (row.authorId === user.id)
    throw new ApiError('forbidden', 'You cannot support your own submission');
  const campaign = s.campaigns.getById(row.campaignId)!;
  const now = s.clock.now();
  if (!phaseAllows(campaign.definition, chinaDate(now), 'support')) {
    throw new ApiError('phase_closed', 'This campaign is not taking supports now');
  }
  await s.limiter.hit(
    `support:user:${user.id}`,
    s.config.HUIYIN_SUPPORT_PER_ACCOUNT_PER_HOUR,
    3_600_000,
    'Too many supports from this account; please wait',
  );
  await s.limiter.hit(
    `support:ip:${clientIp}`,
    s.config.HUIYIN_SUPPORT_PER_IP_PER_HOUR,
    3_600_000,
    'Too many supports from this network; please wait',
  );
  return s.store.write(async (tx) => {
    if (!(await tx.submissions.addSupport(id, user.id, now)))
      throw new ApiError('already_supported', 'You have already supported this');
    await recordSupportOrigin(s, tx, id, user.id, clientIp, now);
    return { supportCount: await tx.submissions.bumpSupportCount(id) };
  });
}
