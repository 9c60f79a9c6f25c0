import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { urgencies, type Urgency } from '../../schema/states.ts';
import type { Tx } from '../store/store.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
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
  const sub = await getSubmission(s, id);
  const handling = routedHandling(s.campaigns.getById(sub.campaignId)!)!;
  const urgency = parsed.data.urgency;
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const h = await getHandling(tx, id);
    if (h.urgency === urgency)
      throw new ApiError('invalid_transition', 'The urgency is already that');
    const dueAt = await applyUrgency(s, tx, handling, id, h, urgency, now);
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'urgency-changed',
      reason,
      data: { from: h.urgency, to: urgency, dueAt },
    });
  });
}

/**
 * Sets a matter's urgency inside the caller's write; its due date follows from the routing day
 * (first round only, any granted extension kept). Answers the due date in force after.
 */
export async function applyUrgency(
  s: Services,
  tx: Tx,
  handling: NonNullable<ReturnType<typeof routedHandling>>,
  id: string,
  h: Awaited<ReturnType<typeof getHandling>>,
  urgency: Urgency,
  now: number,
): Promise<number | null> {
  let dueAt = h.dueAt;
  if (h.routedAt !== null && h.round === 1) {
    dueAt = s.calendar.dueAt(
      h.routedAt,
      serviceDays(handling, urgency, 1) + (h.extension === 'granted' ? (h.extensionDays ?? 0) : 0),
    );
  }
  await moveHandling(
    tx,
    id,
    ['unrouted', 'routed', 'returned', 'replied'],
    { urgency, dueAt },
    now,
  );
  return dueAt;
}
