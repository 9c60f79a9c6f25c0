import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { cleanText } from '../submissions/submission-input.ts';
import { requireUnitMember } from './handling-permissions.ts';
import { scoreReply } from '../sensemaking/reply-quality/index.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { getHandling, moveHandling } from './handling-row.ts';

export const replyInput = z.strictObject({
  body: z.string().max(20_000),
  office: z.string().max(100).optional(),
  contactPhone: z
    .string()
    .regex(/^[0-9+\-\s()]{5,30}$/, 'a phone number')
    .optional(),
});

/** The unit holding a submission drafts its reply and sends it for review; nothing is public yet. */
export async function submitReply(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<{ replyId: string }> {
  const parsed = replyInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const body = cleanText(parsed.data.body);
  const length = [...body].length;
  if (length < 10 || length > 5000) {
    throw new ApiError('validation_failed', 'The reply must be 10 to 5000 characters', {
      fields: { body: 'between 10 and 5000 characters' },
    });
  }
  const before = await getHandling(s.store, id);
  requireUnitMember(s, actor, before.unitId);
  const sub = await getSubmission(s, id);
  // Scored once, when sent: reviewers see why a reply may be perfunctory (too short, boilerplate …).
  const quality = scoreReply({ question: `${sub.title}\n${sub.body}`, reply: body });
  const now = s.clock.now();
  const replyId = newId('rep', now);
  await s.store.write(async (tx) => {
    const h = await getHandling(tx, id);
    // The unit may have passed the matter on meanwhile: only the one holding it now may answer.
    const handler = requireUnitMember(s, actor, h.unitId);
    await moveHandling(tx, id, ['routed', 'returned'], { state: 'replied' }, now);
    const version = (await tx.replies.versions(id, h.round)) + 1;
    await tx.replies.insert({
      id: replyId,
      submissionId: id,
      unitId: h.unitId,
      authorId: handler.id,
      round: h.round,
      version,
      body,
      office: parsed.data.office?.trim() || null,
      contactPhone: parsed.data.contactPhone?.trim() || null,
      state: 'submitted',
      submittedAt: now,
      dueAt: h.dueAt,
      perfunctoryScore: Math.round(quality.score * 1000),
    });
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: handler.id,
      actorRole: 'handler',
      type: 'reply-submitted',
      data: { unit: s.orgs.get(h.unitId!)?.name ?? null, version, round: h.round },
    });
  });
  return { replyId };
}
