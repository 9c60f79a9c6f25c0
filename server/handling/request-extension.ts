import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notifyLegacy, reviewersLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
import { requireUnitMember } from './handling-permissions.ts';
import { getHandling } from './handling-row.ts';

export const extensionInput = z.strictObject({
  days: z.number().int().min(1).max(30),
  reason: z.string().max(1000),
});

/** A unit may ask once for more working days, saying why; a reviewer decides. */
export async function requestExtension(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const parsed = extensionInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = requireWords(parsed.data.reason, 'reason', 'Say why more time is needed');
  const before = getHandling(s, id);
  const handler = requireUnitMember(s, actor, before.unitId);
  if (before.extension !== 'none')
    throw new ApiError('invalid_transition', 'An extension can be asked for once');
  const sub = getSubmissionLegacy(s, id);
  const now = s.clock.now();
  await s.writer.run(() => {
    const changed = s.sqlite
      .prepare(
        `update handlings set extension = 'requested', extension_reason = ?, extension_days = ?, updated_at = ?
         where submission_id = ? and extension = 'none' and state in ('routed', 'returned')`,
      )
      .run(reason, parsed.data.days, now, id).changes;
    if (changed !== 1)
      throw new ApiError('invalid_transition', 'An extension cannot be asked for now');
    appendEventLegacy(s, {
      submissionId: id,
      at: now,
      actorId: handler.id,
      actorRole: 'handler',
      type: 'extension-requested',
      reason,
      data: { days: parsed.data.days },
    });
    notifyLegacy(s, reviewersLegacy(s), 'extension-requested', id, {
      ref: sub.ref,
      title: sub.title,
      days: parsed.data.days,
      reason,
    });
  });
}
