// An editor merges other clusters of the campaign into one: their members are pinned there, the
// merged clusters are gone from lists (their audit trail stays), and matching is queued again.
import type { Actor } from '../auth/actor.ts';
import { kickJobs } from '../jobs/job-runner.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { queueMatching } from '../tracing/queue-matching.ts';
import { clusterView } from './cluster-views.ts';
import { curate, invalid, recordClusterEvent } from './curation.ts';

export async function mergeClusters(
  s: Services,
  actor: Actor | null,
  id: string,
  from: readonly string[],
) {
  await curate(s, actor, id, async (c) => {
    const sources = new Map((await c.tx.clusters.findMany([...from])).map((r) => [r.id, r]));
    for (const f of from) {
      const source = sources.get(f);
      if (!source) throw new ApiError('not_found', 'No such cluster');
      if (source.campaignId !== c.cluster.campaignId || f === id)
        throw invalid('Merge clusters of the same campaign', 'from', f);
    }
    const merged = [...new Set(from)];
    await c.tx.clusters.merge(id, merged, c.now);
    await recordClusterEvent(c, 'merged', { from: merged });
    for (const f of merged) await recordClusterEvent(c, 'merged-into', { into: id }, f);
    await queueMatching(c.tx, c.now, c.cluster.campaignId, null, c.actor.id);
  });
  kickJobs(s);
  return { cluster: await clusterView(s, actor, id) };
}
