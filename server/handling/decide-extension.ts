import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { handlersOfLegacy, notifyLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
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
  const sub = getSubmissionLegacy(s, id);
  const now = s.clock.now();
  await s.writer.run(() => {
    const h = getHandling(s, id);
    if (h.extension !== 'requested')
      throw new ApiError('invalid_transition', 'No extension is waiting for a decision');
    const grant = parsed.data.grant;
    const dueAt =
      grant && h.dueAt !== null && h.extensionDays
        ? s.calendar.dueAt(h.dueAt, h.extensionDays)
        : h.dueAt;
    s.sqlite
      .prepare(
        `update handlings set extension = ?, due_at = ?, escalated_at = case when ? then null else escalated_at end, updated_at = ?
         where submission_id = ? and extension = 'requested'`,
      )
      .run(grant ? 'granted' : 'refused', dueAt, grant ? 1 : 0, now, id);
    appendEventLegacy(s, {
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: grant ? 'extension-granted' : 'extension-refused',
      reason: parsed.data.note ?? null,
      data: { days: h.extensionDays, dueAt },
    });
    if (h.unitId) {
      notifyLegacy(s, handlersOfLegacy(s, h.unitId), 'extension-decided', id, {
        ref: sub.ref,
        title: sub.title,
        granted: grant ? 1 : 0,
        dueAt,
      });
    }
  });
}
