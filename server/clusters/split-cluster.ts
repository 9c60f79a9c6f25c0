// An editor splits chosen members out of a cluster into a new topic of their own, pinned there
// (automatic runs leave them); matching is queued again.
import type { Actor } from '../auth/actor.ts';
import { newId } from '../ids.ts';
import { kickJobs } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import { maskLabel } from '../sensemaking/topic-clusters.ts';
import { queueMatching } from '../tracing/queue-matching.ts';
import { clusterView } from './cluster-views.ts';
import { curate, invalid, recordClusterEvent } from './curation.ts';

/** Splits `members` out of cluster `id` into a new cluster (named `title`, if given). */
export async function splitCluster(
  s: Services,
  actor: Actor | null,
  id: string,
  members: readonly string[],
  title?: string,
) {
  const created = await curate(s, actor, id, async (c) => {
    const moving = [...new Set(members)];
    const found = await c.tx.clusters.membersAmong(id, moving);
    const stranger = moving.find((m) => !found.has(m));
    if (stranger !== undefined) throw invalid('Not a member of this cluster', 'members', stranger);
    const into = newId('clu', c.now);
    const name = title ? maskLabel([title])[0]! : null;
    await c.tx.clusters.insertCurated({
      id: into,
      campaignId: c.cluster.campaignId,
      title: name,
      representativeId: moving[0]!,
      createdAt: c.now,
    });
    await c.tx.clusters.moveMembers(id, into, moving, c.now);
    await recordClusterEvent(c, 'split', { into, members: moving });
    await recordClusterEvent(c, 'split-off', { from: id, members: moving, title: name }, into);
    await queueMatching(c.tx, c.now, c.cluster.campaignId, null, c.actor.id);
    return into;
  });
  kickJobs(s);
  return { cluster: await clusterView(s, actor, created) };
}
