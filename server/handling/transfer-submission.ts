import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { requireUnitMember } from './handling-permissions.ts';
import { getHandling, moveHandling } from './handling-row.ts';

export const transferInput = z.strictObject({
  unit: z.string().max(64),
  reason: z.string().max(1000),
});

/** Transfers beyond this many make a submission a bounce that a reviewer must settle. */
export const maxTransfers = 2;

/**
 * 转办: the unit holding a submission hands it to another unit, with a reason. The chain is kept.
 * A third transfer, or a hand-back to a unit that already had it, is not carried out: the
 * submission is flagged and waits for a reviewer to assign it (不能层层下压，一转了之). The due
 * date does not move: the citizen's wait does not restart because a unit passed the matter on.
 */
export async function transferSubmission(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<{ flagged: boolean }> {
  const parsed = transferInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = requireWords(parsed.data.reason, 'reason', 'A transfer needs a reason');
  const before = await getHandling(s.store, id);
  requireUnitMember(s, actor, before.unitId);
  const target = s.orgs.getByCode(parsed.data.unit);
  if (!target)
    throw new ApiError('validation_failed', 'Unknown unit', {
      fields: { unit: 'unknown organisation' },
    });
  const sub = await getSubmission(s, id);
  const now = s.clock.now();
  return s.store.write(async (tx) => {
    const h = await getHandling(tx, id);
    // The unit may have passed the matter on meanwhile: only the one holding it now may.
    const handler = requireUnitMember(s, actor, h.unitId);
    if (target.id === h.unitId) {
      throw new ApiError('validation_failed', 'Choose another unit', {
        fields: { unit: 'this unit already holds it' },
      });
    }
    const had = await tx.handling.hadUnit(id, target.id);
    const transfers = h.transferCount + 1;
    const bounce = had
      ? `bounced back to ${target.name}, which already had it`
      : transfers > maxTransfers
        ? `transferred ${transfers} times`
        : null;
    const from = s.orgs.get(h.unitId!)!;
    await tx.handling.recordAssignment({
      submissionId: id,
      unitId: target.id,
      fromUnitId: h.unitId,
      how: 'transfer',
      reason,
      actorId: handler.id,
      at: now,
      round: h.round,
    });
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: handler.id,
      actorRole: 'handler',
      type: 'transferred',
      reason,
      data: { from: from.name, to: target.name, toCode: target.code, carriedOut: !bounce },
    });
    if (bounce) {
      await moveHandling(
        tx,
        id,
        ['routed', 'returned'],
        { state: 'unrouted', unitId: null, transferCount: transfers, flagReason: bounce },
        now,
      );
      await tx.timeline.append({
        submissionId: id,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'flagged',
        reason: bounce,
        data: { requested: target.name },
      });
      await notify(tx, now, await tx.accounts.reviewers(), 'flagged', id, {
        ref: sub.ref,
        title: sub.title,
        reason: bounce,
      });
      return { flagged: true };
    }
    await moveHandling(
      tx,
      id,
      ['routed', 'returned'],
      { state: 'routed', unitId: target.id, transferCount: transfers },
      now,
    );
    await notify(tx, now, await tx.accounts.handlersOf(target.id), 'routed', id, {
      ref: sub.ref,
      title: sub.title,
      unit: target.name,
      dueAt: h.dueAt,
    });
    return { flagged: false };
  });
}
