// An editor names a cluster (or gives the name back to the algorithm): runs never rename it.
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { maskLabel } from '../sensemaking/topic-clusters.ts';
import { clusterView } from './cluster-views.ts';
import { curate, recordClusterEvent, type Curation } from './curation.ts';

/** The rename inside a curation's write; the name is public text, masked before it is stored. */
export async function renameIn(c: Curation, title: string | null): Promise<void> {
  const masked = title === null ? null : maskLabel([title])[0]!;
  await c.tx.clusters.rename(c.cluster.id, masked, c.now);
  await recordClusterEvent(c, 'renamed', { title: masked });
}

/** Renames a cluster (null: the key phrases name it again). */
export async function renameCluster(
  s: Services,
  actor: Actor | null,
  id: string,
  title: string | null,
) {
  await curate(s, actor, id, (c) => renameIn(c, title));
  return { cluster: await clusterView(s, actor, id) };
}
