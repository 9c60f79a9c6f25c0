import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { handlersOfLegacy, notifyLegacy, reviewersLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { recordAssignmentLegacy } from './record-assignment.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
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
) {
  const parsed = transferInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = requireWords(parsed.data.reason, 'reason', 'A transfer needs a reason');
  const before = getHandling(s, id);
  const handler = requireUnitMember(s, actor, before.unitId);
  const target = s.orgs.getByCode(parsed.data.unit);
  if (!target)
    throw new ApiError('validation_failed', 'Unknown unit', {
      fields: { unit: 'unknown organisation' },
    });
  if (target.id === before.unitId) {
    throw new ApiError('validation_failed', 'Choose another unit', {
      fields: { unit: 'this unit already holds it' },
    });
  }
  const sub = getSubmissionLegacy(s, id);
  const now = s.clock.now();
  return s.writer.run(() => {
    const h = getHandling(s, id);
    const had = s.sqlite
      .prepare('select 1 from handling_assignments where submission_id = ? and unit_id = ?')
      .get(id, target.id);
    const transfers = h.transferCount + 1;
    const bounce = had
      ? `bounced back to ${target.name}, which already had it`
      : transfers > maxTransfers
        ? `transferred ${transfers} times`
        : null;
    const from = s.orgs.get(h.unitId!)!;
    recordAssignmentLegacy(s, {
      submissionId: id,
      unitId: target.id,
      fromUnitId: h.unitId,
      how: 'transfer',
      reason,
      actorId: handler.id,
      at: now,
      round: h.round,
    });
    appendEventLegacy(s, {
      submissionId: id,
      at: now,
      actorId: handler.id,
      actorRole: 'handler',
      type: 'transferred',
      reason,
      data: { from: from.name, to: target.name, toCode: target.code, carriedOut: !bounce },
    });
    if (bounce) {
      moveHandling(
        s,
        id,
        ['routed', 'returned'],
        { state: 'unrouted', unit_id: null, transfer_count: transfers, flag_reason: bounce },
        now,
      );
      appendEventLegacy(s, {
        submissionId: id,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'flagged',
        reason: bounce,
        data: { requested: target.name },
      });
      notifyLegacy(s, reviewersLegacy(s), 'flagged', id, { ref: sub.ref, title: sub.title, reason: bounce });
      return { flagged: true };
    }
    moveHandling(
      s,
      id,
      ['routed', 'returned'],
      { state: 'routed', unit_id: target.id, transfer_count: transfers },
      now,
    );
    notifyLegacy(s, handlersOfLegacy(s, target.id), 'routed', id, {
      ref: sub.ref,
      title: sub.title,
      unit: target.name,
      dueAt: h.dueAt,
    });
    return { flagged: false };
  });
}
