// A recorded background job as staff read it: its state, result or error.
import { hasRole, type Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

export async function jobView(s: Services, actor: Actor | null, id: string) {
  const user = requireActor(actor);
  if (!hasRole(user, 'reviewer', 'editor', 'owner', 'admin'))
    throw new ApiError('forbidden', 'Staff only');
  const job = await s.store.jobs.find(id);
  if (!job) throw new ApiError('not_found', 'No such job');
  return { job: { ...job, result: job.result ? (JSON.parse(job.result) as unknown) : null } };
}
