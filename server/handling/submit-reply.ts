import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { cleanText } from '../submissions/submission-input.ts';
import { requireUnitMember } from './handling-permissions.ts';
import { scoreReply } from '../sensemaking/reply-quality/index.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
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
  const before = getHandling(s, id);
  const handler = requireUnitMember(s, actor, before.unitId);
  const sub = getSubmissionLegacy(s, id);
  // Scored once, when sent: reviewers see why a reply may be perfunctory (too short, boilerplate …).
  const quality = scoreReply({ question: `${sub.title}\n${sub.body}`, reply: body });
  const now = s.clock.now();
  const replyId = newId('rep', now);
  await s.writer.run(() => {
    const h = getHandling(s, id);
    moveHandling(s, id, ['routed', 'returned'], { state: 'replied' }, now);
    const version =
      (s.sqlite
        .prepare('select count(*) from replies where submission_id = ? and round = ?')
        .pluck()
        .get(id, h.round) as number) + 1;
    s.sqlite
      .prepare(
        `insert into replies (id, submission_id, unit_id, author_id, round, version, body, office, contact_phone, state, submitted_at, due_at, perfunctory_score)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`,
      )
      .run(
        replyId,
        id,
        h.unitId,
        handler.id,
        h.round,
        version,
        body,
        parsed.data.office?.trim() || null,
        parsed.data.contactPhone?.trim() || null,
        now,
        h.dueAt,
        Math.round(quality.score * 1000),
      );
    appendEventLegacy(s, {
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
