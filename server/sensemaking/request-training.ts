// Reviewers, a campaign's owners and admins ask for its routing model to be trained again from
// imported history and reviewers' corrections: a recorded background job.
import { hasRole, type Actor } from '../auth/actor.ts';
import { ownsCampaign, requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import { queueJob } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import { campaignOr404 } from '../submissions/submission-pages.ts';

export async function requestTraining(s: Services, actor: Actor | null, slug: string) {
  const user = requireActor(actor);
  const campaign = campaignOr404(s, slug);
  if (!hasRole(user, 'reviewer', 'admin') && !ownsCampaign(s, user, campaign))
    throw new ApiError('forbidden', 'Reviewers, owners and admins only');
  return { job: await queueJob(s, 'train-classifier', campaign.id, user.id) };
}
