// Changing a confirmed link's status or evidence. One transaction: the change, its audit event,
// and, when the status changed, every member's timeline entry and every author's notice.
import type { AdoptionStatus } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { auditEvent, documentOf, echo } from './adoption-echo.ts';
import { adoptionOr404, checkSpan } from './adoption-lookups.ts';
import { clauseLabel } from './clause-rows.ts';

export type AdoptionUpdate = {
  status?: AdoptionStatus | undefined;
  quotedSpan?: string | undefined;
  note?: string | null | undefined;
  evidenceUrl?: string | null | undefined;
};

export async function updateAdoption(
  s: Services,
  actor: Actor | null,
  id: string,
  input: AdoptionUpdate,
): Promise<void> {
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const row = await adoptionOr404(tx, id);
    const user = requireCurator(s, actor, [row.campaignId]);
    if (row.withdrawnAt !== null)
      throw new ApiError('invalid_transition', 'The link was withdrawn');
    const clause = (await tx.adoption.clause(row.clauseId))!;
    if (input.quotedSpan !== undefined) checkSpan(clause, input.quotedSpan);
    await tx.adoption.updateAdoption(id, input, now);
    await auditEvent(tx, now, id, user, 'updated', {
      from: { status: row.status, quotedSpan: row.quotedSpan },
      to: input,
    });
    if (input.status !== undefined && input.status !== row.status)
      await echo(tx, now, user, await tx.adoption.memberIds(id), 'adoption-updated', {
        adoption: id,
        status: input.status,
        document: (await documentOf(tx, row.documentId)).title,
        clause: clauseLabel(clause),
        quote: input.quotedSpan ?? row.quotedSpan,
      });
  });
}
