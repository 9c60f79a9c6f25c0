// Withdrawing a link made in error, with a reason. One transaction: the withdrawal, the pair
// remembered as rejected (matching never proposes it again), the audit event, and every member's
// timeline entry and every author's notice with the reason.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { auditEvent, documentOf, echo } from './adoption-echo.ts';
import { adoptionOr404 } from './adoption-lookups.ts';
import { clauseLabel } from './clause-rows.ts';

export async function withdrawAdoption(
  s: Services,
  actor: Actor | null,
  id: string,
  reason: string,
): Promise<void> {
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const row = await adoptionOr404(tx, id);
    const user = requireCurator(s, actor, [row.campaignId]);
    if (row.withdrawnAt !== null || !(await tx.adoption.withdraw(id, now)))
      throw new ApiError('invalid_transition', 'The link was already withdrawn');
    // A withdrawn link was a mistake: matching must not propose the same pair again.
    await tx.adoption.rejectPairOf(id, user.id, now);
    await auditEvent(tx, now, id, user, 'withdrawn', { reason });
    await echo(
      tx,
      now,
      user,
      await tx.adoption.memberIds(id),
      'adoption-withdrawn',
      {
        adoption: id,
        status: 'withdrawn',
        document: (await documentOf(tx, row.documentId)).title,
        clause: clauseLabel((await tx.adoption.clause(row.clauseId))!),
        quote: row.quotedSpan,
      },
      reason,
    );
  });
}
