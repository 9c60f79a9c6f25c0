import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
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
  const before = await getHandling(s.store, id);
  requireUnitMember(s, actor, before.unitId);
  if (before.extension !== 'none')
    throw new ApiError('invalid_transition', 'An extension can be asked for once');
  const sub = await getSubmission(s, id);
  const days = parsed.data.days;
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    // The unit may have passed the matter on meanwhile: only the one holding it now may ask.
    const h = await getHandling(tx, id);
    const handler = requireUnitMember(s, actor, h.unitId);
    const asked = await tx.handling.change(
      id,
      { states: ['routed', 'returned'], extension: 'none' },
      { extension: 'requested', extensionReason: reason, extensionDays: days },
      now,
    );
    if (!asked) throw new ApiError('invalid_transition', 'An extension cannot be asked for now');
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: handler.id,
      actorRole: 'handler',
      type: 'extension-requested',
      reason,
      data: { days },
    });
    await notify(tx, now, await tx.accounts.reviewers(), 'extension-requested', id, {
      ref: sub.ref,
      title: sub.title,
      days,
      reason,
    });
  });
}
