// An editor chooses the member that represents a cluster: runs keep it.
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { clusterView } from './cluster-views.ts';
import { curate, invalid, recordClusterEvent, type Curation } from './curation.ts';

/** The pin inside a curation's write; a submission that is not a member is refused. */
export async function pinRepresentativeIn(c: Curation, submissionId: string): Promise<void> {
  if (!(await c.tx.clusters.pinRepresentative(c.cluster.id, submissionId, c.now)))
    throw invalid('Not a member of this cluster', 'representative', 'not a member');
  await recordClusterEvent(c, 'representative-pinned', { representative: submissionId });
}

/** Pins a cluster's representative. */
export async function pinRepresentative(
  s: Services,
  actor: Actor | null,
  id: string,
  submissionId: string,
) {
  await curate(s, actor, id, (c) => pinRepresentativeIn(c, submissionId));
  return { cluster: await clusterView(s, actor, id) };
}
