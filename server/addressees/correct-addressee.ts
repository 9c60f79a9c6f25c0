import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { chooseAddressee } from '../organisations/choose-addressee.ts';

export const addresseeInput = z.strictObject({
  addressee: z.string().max(64),
  reason: z.string().max(1000),
});

/**
 * A reviewer corrects whom a message is written to (the writer chose 市长 for a county matter,
 * say), with a reason on the timeline. The same checks as writing apply: the addressee exists,
 * takes messages, and its jurisdiction holds the message's place. The holding unit is not
 * changed here: a reviewer assigns or transfers it as for any message.
 */
export async function correctAddressee(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = addresseeInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const reason = requireWords(parsed.data.reason, 'reason', 'Say why the addressee changes');
  const sub = await getSubmission(s, id);
  const def = s.campaigns.getById(sub.campaignId)!.definition;
  const to = chooseAddressee(s.addressees, def, parsed.data.addressee, sub.regionCode)!;
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    const from = await tx.addressees.ofSubmission(id);
    if (from === to.id) throw new ApiError('invalid_transition', 'The message is already to them');
    await tx.addressees.setOnSubmission(id, to.id, now);
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'addressee-changed',
      reason,
      data: { from: from ? (s.addressees.get(from)?.key ?? null) : null, to: to.key },
    });
  });
}
