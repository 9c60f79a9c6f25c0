import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { satisfactions } from '../../schema/states.ts';
import { cleanText } from '../submissions/submission-input.ts';
import { getSubmission } from '../submissions/submission-queries.ts';
import { moveHandling } from './handling-row.ts';
import { routedHandling } from './start-handling.ts';

export const ratingInput = z.strictObject({
  value: z.enum(satisfactions),
  comment: z.string().max(1000).optional(),
});

/** Rounds a matter may have: a 不满意 rating of the first answer reopens it once. */
const lastRound = 2;

/**
 * The author rates the answer once per round: 满意 / 基本满意 close the matter; 不满意 reopens it
 * for a second round with the same unit and a shorter deadline (after the last round it closes,
 * and reviewers see the dissatisfaction).
 */
export async function rateAnswer(
  s: Services,
  actor: Actor | null,
  id: string,
  raw: unknown,
): Promise<void> {
  const user = requireActor(actor);
  const parsed = ratingInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const sub = await getSubmission(s, id);
  if (sub.authorId !== user.id)
    throw new ApiError('forbidden', 'Only the author can rate the answer');
  const comment = parsed.data.comment ? cleanText(parsed.data.comment) || null : null;
  const value = parsed.data.value;
  const handling = routedHandling(s.campaigns.getById(sub.campaignId)!);
  const now = s.clock.now();

  await s.store.write(async (tx) => {
    const h = await tx.handling.find(id);
    const round = h?.round ?? 1;
    const answered = h
      ? h.state === 'approved'
      : (await tx.submissions.find(id))?.status === 'answered' &&
        (await tx.replies.inCollective(id));
    if (!answered) throw new ApiError('invalid_transition', 'There is no answer to rate yet');
    const rated = await tx.replies.rate({
      submissionId: id,
      round,
      value,
      comment,
      unitId: h?.unitId ?? null,
      at: now,
    });
    if (!rated) throw new ApiError('invalid_transition', 'This answer has already been rated');
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: user.id,
      actorRole: 'netizen',
      type: 'rated',
      reason: comment,
      data: { value, round },
    });
    if (h?.unitId)
      await notify(tx, now, await tx.accounts.handlersOf(h.unitId), 'rated', id, {
        ref: sub.ref,
        title: sub.title,
        value,
        comment,
      });

    if (value === 'unsatisfied' && h?.unitId && handling && round < lastRound) {
      const dueAt = s.calendar.dueAt(now, handling.serviceLevels.secondRound);
      await moveHandling(
        tx,
        id,
        ['approved'],
        {
          state: 'routed',
          round: round + 1,
          routedAt: now,
          dueAt,
          escalatedAt: null,
          extension: 'none',
          extensionReason: null,
          extensionDays: null,
          answeredAt: null,
        },
        now,
      );
      await tx.handling.recordAssignment({
        submissionId: id,
        unitId: h.unitId,
        fromUnitId: h.unitId,
        how: 'reopen',
        reason: comment,
        actorId: user.id,
        at: now,
        round: round + 1,
      });
      await tx.timeline.append({
        submissionId: id,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'reopened',
        reason: 'rated 不满意',
        data: { round: round + 1, dueAt },
      });
      return;
    }
    if (h) await moveHandling(tx, id, ['approved'], { state: 'rated' }, now);
    await tx.handling.close(id, now);
    await tx.timeline.append({
      submissionId: id,
      at: now,
      actorId: null,
      actorRole: null,
      type: 'closed',
      fromStatus: 'answered',
      toStatus: 'closed',
    });
    if (value === 'unsatisfied')
      await notify(tx, now, await tx.accounts.reviewers(), 'rated', id, {
        ref: sub.ref,
        title: sub.title,
        value,
        comment,
      });
  });
}
