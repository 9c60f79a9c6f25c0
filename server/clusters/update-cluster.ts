// PATCH /api/clusters/{id}: rename, lock or unlock and pin a representative in one request, as
// one write; each change it makes leaves its own event in the audit trail.
import type { Actor } from '../auth/actor.ts';
import type { Services } from '../services.ts';
import { clusterView } from './cluster-views.ts';
import { curate } from './curation.ts';
import { lockIn } from './lock-cluster.ts';
import { pinRepresentativeIn } from './pin-representative.ts';
import { renameIn } from './rename-cluster.ts';

export type ClusterChanges = {
  /** null gives the name back to the algorithm. */
  title?: string | null | undefined;
  locked?: boolean | undefined;
  representative?: string | undefined;
};

export async function updateCluster(
  s: Services,
  actor: Actor | null,
  id: string,
  changes: ClusterChanges,
) {
  await curate(s, actor, id, async (c) => {
    if (changes.title !== undefined) await renameIn(c, changes.title);
    if (changes.locked !== undefined) await lockIn(c, changes.locked);
    if (changes.representative !== undefined) await pinRepresentativeIn(c, changes.representative);
  });
  return { cluster: await clusterView(s, actor, id) };
}
