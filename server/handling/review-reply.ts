import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { returnReasons } from '../../schema/states.ts';
import type { UnitReply } from '../store/replies.ts';
import { requireWords } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { moveHandling } from './handling-row.ts';
import { indexSubmission } from '../search/search-index.ts';

async function getReply(s: Services, replyId: string): Promise<UnitReply> {
  const reply = await s.store.replies.find(replyId);
  if (!reply) throw new ApiError('not_found', 'No such reply');
  return reply;
}

const alreadyReviewed = () =>
  new ApiError('invalid_transition', 'This reply has already been reviewed');

/** A reviewer approves a reply: it becomes public on the submission and the author is told. */
export async function approveReply(
  s: Services,
  actor: Actor | null,
  replyId: string,
): Promise<void> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const reply = await getReply(s, replyId);
  const sub = await getSubmission(s, reply.submissionId);
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    if (!(await tx.replies.review(replyId, 'approved', reviewer.id, now, null, null)))
      throw alreadyReviewed();
    await moveHandling(
      tx,
      reply.submissionId,
      ['replied'],
      { state: 'approved', answeredAt: now },
      now,
    );
    const wasPublished = (await tx.handling.markAnswered([sub.id], now)) === 1;
    const unit = reply.unitId ? s.orgs.get(reply.unitId) : undefined;
    await tx.timeline.append({
      submissionId: sub.id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'reply-approved',
      fromStatus: wasPublished ? 'published' : null,
      toStatus: wasPublished ? 'answered' : null,
      data: { unit: unit?.name ?? null, replyId, round: reply.round },
    });
    await indexSubmission(s, tx, sub.id);
    await notify(tx, now, [sub.authorId], 'replied', sub.id, {
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
  const reply = await getReply(s, replyId);
  const sub = await getSubmission(s, reply.submissionId);
  const reason = parsed.data.reason;
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    if (!(await tx.replies.review(replyId, 'returned', reviewer.id, now, reason, note)))
      throw alreadyReviewed();
    await moveHandling(tx, reply.submissionId, ['replied'], { state: 'returned' }, now);
    await tx.timeline.append({
      submissionId: sub.id,
      at: now,
      actorId: reviewer.id,
      actorRole: 'reviewer',
      type: 'reply-returned',
      reason: note,
      data: { returnReason: reason, replyId, version: reply.version },
    });
    if (reply.unitId) {
      await notify(tx, now, await tx.accounts.handlersOf(reply.unitId), 'returned', sub.id, {
        ref: sub.ref,
        title: sub.title,
        reason,
        note,
      });
    }
  });
}
