import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { urgencies } from '../../schema/states.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
import { getHandling, moveHandling } from './handling-row.ts';
import { routedHandling, serviceDays } from './start-handling.ts';

export const urgencyInput = z.strictObject({
  urgency: z.enum(urgencies),
  reason: z.string().max(1000),
});

/** A reviewer raises or lowers urgency with a reason; the due date follows from the routing day. */
export async function changeUrgency(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = urgencyInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = requireWords(parsed.data.reason, 'reason', 'Say why the urgency changes');
  const handling = routedHandling(s.campaigns.getById(getSubmissionLegacy(s, id).campaignId)!)!;
  const now = s.clock.now();
  await s.writer.run(() => {
    const h = getHandling(s, id);
    if (h.urgency === parsed.data.urgency)
      throw new ApiError('invalid_transition', 'The urgency is already that');
    let dueAt = h.dueAt;
    if (h.routedAt !== null && h.round === 1) {
      dueAt = s.calendar.dueAt(
        h.routedAt,
        serviceDays(handling, parsed.data.urgency, 1) +
          (h.extension === 'granted' ? (h.extensionDays ?? 0) : 0),
      );
    }
    moveHandling(
      s,
      id,
      ['unrouted', 'routed', 'returned', 'replied'],
      { urgency: parsed.data.urgency, due_at: dueAt },
      now,
    );
    appendEventLegacy(s, {
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'urgency-changed',
      reason,
      data: { from: h.urgency, to: parsed.data.urgency, dueAt },
    });
  });
}
