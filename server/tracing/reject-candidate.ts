// Rejecting a proposed candidate: it is remembered and never proposed again.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

export async function rejectCandidate(
  s: Services,
  actor: Actor | null,
  candidateId: number,
): Promise<void> {
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const row = await tx.adoption.candidate(candidateId);
    if (!row) throw new ApiError('not_found', 'No such candidate');
    const user = requireCurator(s, actor, [row.campaignId]);
    if (!(await tx.adoption.rejectCandidate(candidateId, user.id, now)))
      throw new ApiError('invalid_transition', `The candidate was already ${row.state}`);
  });
}
