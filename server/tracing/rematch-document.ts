// Asking for matching again: one recorded job per campaign the document feeds (a run already
// waiting for the same work is enough).
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import { kickJobs } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import { queueMatching } from './queue-matching.ts';

export async function rematchDocument(
  s: Services,
  actor: Actor | null,
  id: string,
): Promise<string[]> {
  const now = s.clock.now();
  const jobs = await s.store.write(async (tx) => {
    if (!(await tx.adoption.documentHead(id)))
      throw new ApiError('not_found', 'No such policy document');
    const campaignIds = await tx.adoption.documentCampaignIds(id);
    const user = requireCurator(s, actor, campaignIds);
    const queued: string[] = [];
    for (const campaignId of campaignIds) {
      const job = await queueMatching(tx, now, campaignId, id, user.id);
      if (job !== null) queued.push(job);
    }
    return queued;
  });
  kickJobs(s);
  return jobs;
}
