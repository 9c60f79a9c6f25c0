import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { handlersOfLegacy, notifyLegacy, reviewersLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { recordAssignmentLegacy } from './record-assignment.ts';
import { satisfactions } from '../../schema/states.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { cleanText } from '../submissions/submission-input.ts';
import { getSubmissionLegacy } from '../submissions/submission-queries.ts';
import { findHandling, moveHandling } from './handling-row.ts';
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
  const sub = getSubmissionLegacy(s, id);
  if (sub.authorId !== user.id)
    throw new ApiError('forbidden', 'Only the author can rate the answer');
  const comment = parsed.data.comment ? cleanText(parsed.data.comment) || null : null;
  const value = parsed.data.value;
  const campaign = s.campaigns.getById(sub.campaignId)!;
  const now = s.clock.now();

  await s.writer.run(() => {
    const h = findHandling(s, id);
    const round = h?.round ?? 1;
    const answered = h
      ? h.state === 'approved'
      : sub.status === 'answered' &&
        !!s.sqlite
          .prepare('select 1 from collective_reply_members where submission_id = ?')
          .get(id);
    if (!answered) throw new ApiError('invalid_transition', 'There is no answer to rate yet');
    const inserted = s.sqlite
      .prepare(
        'insert or ignore into ratings (submission_id, round, value, comment, unit_id, at) values (?, ?, ?, ?, ?, ?)',
      )
      .run(id, round, value, comment, h?.unitId ?? null, now).changes;
    if (inserted === 0)
      throw new ApiError('invalid_transition', 'This answer has already been rated');
    appendEventLegacy(s, {
      submissionId: id,
      at: now,
      actorId: user.id,
      actorRole: 'netizen',
      type: 'rated',
      reason: comment,
      data: { value, round },
    });
    if (h?.unitId)
      notifyLegacy(s, handlersOfLegacy(s, h.unitId), 'rated', id, {
        ref: sub.ref,
        title: sub.title,
        value,
        comment,
      });

    const handling = routedHandling(campaign);
    if (value === 'unsatisfied' && h && handling && round < lastRound) {
      const dueAt = s.calendar.dueAt(now, handling.serviceLevels.secondRound);
      moveHandling(
        s,
        id,
        ['approved'],
        {
          state: 'routed',
          round: round + 1,
          routed_at: now,
          due_at: dueAt,
          escalated_at: null,
          extension: 'none',
          extension_reason: null,
          extension_days: null,
          answered_at: null,
        },
        now,
      );
      recordAssignmentLegacy(s, {
        submissionId: id,
        unitId: h.unitId!,
        fromUnitId: h.unitId,
        how: 'reopen',
        reason: comment,
        actorId: user.id,
        at: now,
        round: round + 1,
      });
      appendEventLegacy(s, {
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
    if (h) moveHandling(s, id, ['approved'], { state: 'rated' }, now);
    s.sqlite
      .prepare(
        "update submissions set status = 'closed', updated_at = ? where id = ? and status = 'answered'",
      )
      .run(now, id);
    appendEventLegacy(s, {
      submissionId: id,
      at: now,
      actorId: null,
      actorRole: null,
      type: 'closed',
      fromStatus: 'answered',
      toStatus: 'closed',
    });
    if (value === 'unsatisfied')
      notifyLegacy(s, reviewersLegacy(s), 'rated', id, { ref: sub.ref, title: sub.title, value, comment });
  });
}
