import { z } from 'zod';
import { reportReasons, type HoldState, type ReportTarget } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { findTarget } from './report-target.ts';
import { indexSubmission } from '../search/search-index.ts';

export const reportInput = z.strictObject({
  reason: z.enum(reportReasons),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});

/**
 * 举报: once per account per item. When the open reports of distinct accounts reach the
 * threshold, the text is withheld from the public pending review (recorded on the timeline).
 */
export async function reportContent(
  s: Services,
  actor: Actor | null,
  kind: ReportTarget,
  id: string,
  raw: unknown,
): Promise<{ reports: number; hold: HoldState | null }> {
  const user = requireActor(actor);
  const parsed = reportInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const target = await findTarget(s.store, kind, id);
  if (target.authorId === user.id)
    throw new ApiError('forbidden', 'You cannot report your own text');
  await s.limiter.hit(
    `report:user:${user.id}`,
    s.config.HUIYIN_REPORTS_PER_ACCOUNT_PER_HOUR,
    3_600_000,
    'Too many reports from this account; please wait',
  );
  const now = s.clock.now();
  const threshold = s.config.HUIYIN_REPORT_HIDE_THRESHOLD;
  return s.store.write(async (tx) => {
    const added = await tx.trust.addReport({
      kind,
      id,
      submissionId: target.submissionId,
      reporterId: user.id,
      reason: parsed.data.reason,
      note: parsed.data.note || null,
      createdAt: now,
    });
    if (!added) throw new ApiError('already_reported', 'You have already reported this');
    const open = await tx.trust.openReporters(kind, id);
    let hold = await tx.trust.holdOf(kind, id);
    if (!hold && open >= threshold) {
      hold = 'pending-review';
      await tx.trust.setHold(target, hold, null, now);
      await tx.timeline.append({
        submissionId: target.submissionId,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'held',
        data: { target: kind, reports: open },
      });
      // Withheld text is not findable by its words either.
      await indexSubmission(s, tx, target.submissionId);
    }
    return { reports: open, hold };
  });
}
