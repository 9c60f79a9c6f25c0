// A reviewer takes a submission out of its near-duplicate group: it will never rejoin those
// members, and counts as its own voice from now on.
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import { getSubmission } from '../submissions/submission-queries.ts';

/** Returns the submission's weight ("N people sent this text") after the split. */
export async function splitDuplicate(s: Services, actor: Actor | null, id: string) {
  requireRole(actor, 'reviewer', 'admin');
  const row = await getSubmission(s, id);
  await s.nearDuplicates.split(row.campaignId, row.id, (pending) =>
    s.store.write((tx) => pending.store(tx)),
  );
  return { sameText: (await s.store.submissions.voiceWeights([row.id])).get(row.id) ?? 1 };
}
