// The clusters' audit trail as curators read it: who did what to a cluster, in what role, and the
// re-runs of its campaign. A merged cluster's trail stays readable.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

export async function clusterEvents(s: Services, actor: Actor | null, id: string) {
  const cluster = await s.store.clusters.findAny(id);
  if (!cluster) throw new ApiError('not_found', 'No such cluster');
  requireCurator(s, actor, [cluster.campaignId]);
  const rows = await s.store.clusters.events(id, cluster.campaignId);
  return {
    items: rows.map((e) => ({
      id: e.id,
      at: e.at,
      type: e.type,
      clusterId: e.clusterId,
      actor: { id: e.actorId, name: e.actorName, role: e.actorRole },
      data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
    })),
  };
}
