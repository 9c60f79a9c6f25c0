import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { applyUrgency } from '../handling/change-urgency.ts';
import { getHandling } from '../handling/handling-row.ts';
import { routedHandling } from '../handling/start-handling.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { servesAddressee } from '../auth/office-permissions.ts';

export const instructionInput = z.strictObject({
  note: z.string().max(1000),
  /** 急办: the matter becomes urgent (its due date shortens); 一般: priority unchanged. */
  priority: z.enum(['urgent', 'normal']),
});

/**
 * A leader's office instructs on a message written to its leader (批示/批办): a note on the
 * timeline for the unit and reviewers (the public sees that an instruction was given, not its
 * words), the holding unit told at once, and with `urgent` the matter becomes urgent and its
 * due date follows. Until the answer is approved; the same note twice is refused.
 */
export async function instructMessage(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const user = requireActor(actor);
  const parsed = instructionInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const note = requireWords(parsed.data.note, 'note', 'Write the instruction', 2, 1000);
  const sub = await getSubmission(s, id);
  if (!hasRole(user, 'admin') && !servesAddressee(user, sub.addresseeId))
    throw new ApiError('forbidden', 'Only the office of the leader written to can instruct');
  const addressee = sub.addresseeId ? s.addressees.get(sub.addresseeId) : undefined;
  const handling = routedHandling(s.campaigns.getById(sub.campaignId)!);
  if (!handling) throw new ApiError('not_found', 'This submission is not being handled by a unit');
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const h = await getHandling(tx, id);
    if (h.state === 'approved' || h.state === 'rated')
      throw new ApiError('invalid_transition', 'The message has been answered');
    let dueAt = h.dueAt;
    if (parsed.data.priority === 'urgent' && h.urgency !== 'urgent')
      dueAt = await applyUrgency(s, tx, handling, id, h, 'urgent', now);
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: user.id,
      actorRole: 'office',
      type: 'instructed',
      reason: note,
      data: { priority: parsed.data.priority, addressee: addressee?.key ?? null, dueAt },
    });
    if (h.unitId)
      await notify(tx, now, await tx.accounts.handlersOf(h.unitId), 'instructed', id, {
        ref: sub.ref,
        title: sub.title,
        addressee: addressee?.title ?? null,
        addresseeEn: addressee?.titleEn ?? null,
        addresseeKey: addressee?.key ?? null,
        priority: parsed.data.priority,
      });
  });
}
