// What every curation of a topic cluster shares: inside its one write, the cluster is looked up
// (404 when it does not exist or was merged away), the actor must curate its campaign (editors,
// admins, the campaign's owners), and the change is appended to the clusters' audit trail.
import { hasRole, type Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
import type { ClusterEventType, Role } from '../../schema/states.ts';

export type Curation = {
  tx: Tx;
  actor: Actor;
  /** The role the actor curates in, as the audit trail records it. */
  role: Role;
  cluster: { id: string; campaignId: string };
  now: number;
};

/** The role in which someone curates: admin, else editor, else the campaign's owner. */
export function curatorRole(actor: Actor): Role {
  return hasRole(actor, 'admin') ? 'admin' : hasRole(actor, 'editor') ? 'editor' : 'owner';
}

/** Inside a write: the live cluster and a curator of its campaign, or a 404 / 401 / 403. */
export async function curating(
  s: Services,
  tx: Tx,
  actor: Actor | null,
  clusterId: string,
  now: number,
): Promise<Curation> {
  const cluster = await tx.clusters.find(clusterId);
  if (!cluster) throw new ApiError('not_found', 'No such cluster');
  const curator = requireCurator(s, actor, [cluster.campaignId]);
  return { tx, actor: curator, role: curatorRole(curator), cluster, now };
}

/** One write: `work` changes the cluster through `c.tx`; nothing else may be awaited in it. */
export function curate<T>(
  s: Services,
  actor: Actor | null,
  clusterId: string,
  work: (c: Curation) => Promise<T>,
): Promise<T> {
  const now = s.clock.now();
  return s.store.write(async (tx) => work(await curating(s, tx, actor, clusterId, now)));
}

/** Appends the change to the audit trail (of `clusterId`, by default the curated cluster). */
export function recordClusterEvent(
  c: Curation,
  type: ClusterEventType,
  data: Record<string, unknown> | null,
  clusterId: string = c.cluster.id,
) {
  return c.tx.clusters.appendEvent({
    clusterId,
    campaignId: c.cluster.campaignId,
    at: c.now,
    actorId: c.actor.id,
    actorRole: c.role,
    type,
    data,
  });
}

/** The validation error of a curation, naming the field at fault. */
export function invalid(message: string, field: string, value: string): ApiError {
  return new ApiError('validation_failed', message, { fields: { [field]: value } });
}
