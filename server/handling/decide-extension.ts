import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { getHandling } from './handling-row.ts';

export const decisionInput = z.strictObject({
  grant: z.boolean(),
  note: z.string().max(1000).optional(),
});

/** A reviewer grants (the due date moves by the asked working days) or refuses an extension. */
export async function decideExtension(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = decisionInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const sub = await getSubmission(s, id);
  const grant = parsed.data.grant;
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const h = await getHandling(tx, id);
    const dueAt =
      grant && h.dueAt !== null && h.extensionDays
        ? s.calendar.dueAt(h.dueAt, h.extensionDays)
        : h.dueAt;
    // Granted, the matter is no longer overdue: a lapse of the new date escalates it again.
    const decided =
      h.extension === 'requested' &&
      (await tx.handling.change(
        id,
        { extension: 'requested' },
        grant ? { extension: 'granted', dueAt, escalatedAt: null } : { extension: 'refused' },
        now,
      ));
    if (!decided)
      throw new ApiError('invalid_transition', 'No extension is waiting for a decision');
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: grant ? 'extension-granted' : 'extension-refused',
      reason: parsed.data.note ?? null,
      data: { days: h.extensionDays, dueAt },
    });
    if (h.unitId) {
      await notify(tx, now, await tx.accounts.handlersOf(h.unitId), 'extension-decided', id, {
        ref: sub.ref,
        title: sub.title,
        granted: grant ? 1 : 0,
        dueAt,
      });
    }
  });
}
