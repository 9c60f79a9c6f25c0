// An editor locks a cluster (automatic runs keep its members) or unlocks it.
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { clusterView } from './cluster-views.ts';
import { curate, recordClusterEvent, type Curation } from './curation.ts';

/** The lock or unlock inside a curation's write. */
export async function lockIn(c: Curation, locked: boolean): Promise<void> {
  await c.tx.clusters.setLocked(c.cluster.id, locked, c.now);
  await recordClusterEvent(c, locked ? 'locked' : 'unlocked', null);
}

/** Locks (true) or unlocks (false) a cluster. */
export async function lockCluster(s: Services, actor: Actor | null, id: string, locked: boolean) {
  await curate(s, actor, id, (c) => lockIn(c, locked));
  return { cluster: await clusterView(s, actor, id) };
}
