// A curator asks for the campaign's clusters to be computed again: a recorded background job
// (server/sensemaking/topic-clusters.ts `runClustering`) that keeps every editor's decision.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { enqueueJob, kickJobs } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import { campaignOr404 } from '../submissions/submission-pages.ts';
import { curatorRole } from './curation.ts';

export async function requestClusterRun(s: Services, actor: Actor | null, slug: string) {
  const campaign = campaignOr404(s, slug);
  const curator = requireCurator(s, actor, [campaign.id]);
  const now = s.clock.now();
  const job = await s.store.write(async (tx) => {
    const job = await enqueueJob(tx, now, 'cluster-run', campaign.id, curator.id);
    await tx.clusters.appendEvent({
      clusterId: null,
      campaignId: campaign.id,
      at: now,
      actorId: curator.id,
      actorRole: curatorRole(curator),
      type: 'run-requested',
      data: { job },
    });
    return job;
  });
  kickJobs(s);
  return { job };
}
