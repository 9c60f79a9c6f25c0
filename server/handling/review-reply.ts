import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { handlersOfLegacy, notifyLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { returnReasons } from '../../schema/states.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
import { moveHandling } from './handling-row.ts';
import { indexSubmission } from '../search/search-index.ts';

type ReplyRow = {
  id: string;
  submissionId: string;
  unitId: string;
  state: string;
  round: number;
  version: number;
};

function getReply(s: Services, replyId: string): ReplyRow {
  const reply = s.sqlite
    .prepare(
      'select id, submission_id as submissionId, unit_id as unitId, state, round, version from replies where id = ? and submission_id is not null',
    )
    .get(replyId) as ReplyRow | undefined;
  if (!reply) throw new ApiError('not_found', 'No such reply');
  return reply;
}

function markReviewed(
  s: Services,
  reply: ReplyRow,
  to: 'approved' | 'returned',
  reviewerId: string,
  now: number,
  reason: string | null,
  note: string | null,
) {
  const changed = s.sqlite
    .prepare(
      `update replies set state = ?, reviewer_id = ?, reviewed_at = ?, return_reason = ?, return_note = ?
       where id = ? and state = 'submitted'`,
    )
    .run(to, reviewerId, now, reason, note, reply.id).changes;
  if (changed !== 1)
    throw new ApiError('invalid_transition', 'This reply has already been reviewed');
}

/** A reviewer approves a reply: it becomes public on the submission and the author is told. */
export async function approveReply(
  s: Services,
  actor: Actor | null,
  replyId: string,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const reply = getReply(s, replyId);
  const sub = getSubmissionLegacy(s, reply.submissionId);
  const now = s.clock.now();
  await s.writer.run(() => {
    markReviewed(s, reply, 'approved', reviewer.id, now, null, null);
    moveHandling(s, reply.submissionId, ['replied'], { state: 'approved', answered_at: now }, now);
    const wasPublished = sub.status === 'published';
    if (wasPublished) {
      s.sqlite
        .prepare("update submissions set status = 'answered', updated_at = ? where id = ?")
        .run(now, sub.id);
    }
    const unit = s.orgs.get(reply.unitId);
    appendEventLegacy(s, {
      submissionId: sub.id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'reply-approved',
      fromStatus: wasPublished ? 'published' : null,
      toStatus: wasPublished ? 'answered' : null,
      data: { unit: unit?.name ?? null, replyId, round: reply.round },
    });
    indexSubmission(s, sub.id);
    notifyLegacy(s, [sub.authorId], 'replied', sub.id, {
      ref: sub.ref,
      title: sub.title,
      unit: unit?.name ?? null,
    });
  });
}

export const returnInput = z.strictObject({
  reason: z.enum(returnReasons),
  note: z.string().max(2000),
});

/** 退回回复: a reviewer sends a perfunctory or wrong reply back to the unit, saying why. */
export async function returnReply(
  s: Services,
  actor: Actor | null,
  replyId: string,
  raw: unknown,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = returnInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const note = requireWords(parsed.data.note, 'note', 'Tell the unit what to fix');
  const reply = getReply(s, replyId);
  const sub = getSubmissionLegacy(s, reply.submissionId);
  const now = s.clock.now();
  await s.writer.run(() => {
    markReviewed(s, reply, 'returned', reviewer.id, now, parsed.data.reason, note);
    moveHandling(s, reply.submissionId, ['replied'], { state: 'returned' }, now);
    appendEventLegacy(s, {
      submissionId: sub.id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'reply-returned',
      reason: note,
      data: { returnReason: parsed.data.reason, replyId, version: reply.version },
    });
    notifyLegacy(s, handlersOfLegacy(s, reply.unitId), 'returned', sub.id, {
      ref: sub.ref,
      title: sub.title,
      reason: parsed.data.reason,
      note,
    });
  });
}
