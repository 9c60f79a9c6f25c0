import { z } from 'zod';
import { reportReasons, type ReportTarget } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { indexSubmission } from '../search/search-index.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { holdOfLegacy, setHold } from './content-holds.ts';
import { findTarget } from './report-target.ts';

export const reportInput = z.strictObject({
  reason: z.enum(reportReasons),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});

/**
 * 举报: once per account per item. When the open reports of distinct accounts reach the
 * threshold, the text is withheld from the public pending review (recorded on the timeline).
 */
export function reportContent(
  s: Services,
  actor: Actor | null,
  kind: ReportTarget,
  id: string,
  raw: unknown,
): { reports: number; hold: string | null } {
  const user = requireActor(actor);
  const parsed = reportInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const target = findTarget(s, kind, id);
  if (target.authorId === user.id)
    throw new ApiError('forbidden', 'You cannot report your own text');
  s.limiter.hit(
    `report:user:${user.id}`,
    s.config.HUIYIN_REPORTS_PER_ACCOUNT_PER_HOUR,
    3_600_000,
    'Too many reports from this account; please wait',
  );
  const now = s.clock.now();
  return s.sqlite.transaction(() => {
    const inserted = s.sqlite
      .prepare(
        `insert or ignore into reports (target_kind, target_id, submission_id, reporter_id, reason, note, state, created_at)
         values (?, ?, ?, ?, ?, ?, 'open', ?)`,
      )
      .run(
        kind,
        id,
        target.submissionId,
        user.id,
        parsed.data.reason,
        parsed.data.note || null,
        now,
      );
    if (inserted.changes === 0) {
      throw new ApiError('already_reported', 'You have already reported this');
    }
    const open = s.sqlite
      .prepare(
        "select count(distinct reporter_id) from reports where target_kind = ? and target_id = ? and state = 'open'",
      )
      .pluck()
      .get(kind, id) as number;
    let hold = holdOfLegacy(s, kind, id);
    if (!hold && open >= s.config.HUIYIN_REPORT_HIDE_THRESHOLD) {
      hold = 'pending-review';
      setHold(s, target, hold, null);
      appendEventLegacy(s, {
        submissionId: target.submissionId,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'held',
        data: { target: kind, reports: open },
      });
      indexSubmission(s, target.submissionId);
    }
    return { reports: open, hold };
  })();
}
