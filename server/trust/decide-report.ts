import { z } from 'zod';
import type { HoldState, ReportTarget, SubmissionStatus } from '../../schema/states.ts';
import { hasRole, type Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { invalidateCampaignStats } from '../campaigns/campaign-view.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { findTarget } from './report-target.ts';
import { indexSubmission } from '../search/search-index.ts';

export const moderationActions = ['dismiss', 'hide', 'reject', 'restore'] as const;

export const decisionInput = z.strictObject({
  action: z.enum(moderationActions),
  reason: z.string().trim().max(500, 'at most 500 characters').optional(),
});

/**
 * A reviewer's decision on reported (or held) content, on the submission's timeline:
 * dismiss — the reports were unfounded, the text is shown again;
 * hide — the text stays withheld from the public (reversible with restore);
 * reject — a submission leaves the public lists altogether (status rejected, with the reason);
 * restore — undo a hide or a hold.
 */
export async function decideReport(
  s: Services,
  actor: Actor | null,
  kind: ReportTarget,
  id: string,
  raw: unknown,
): Promise<{ hold: HoldState | null; status: string }> {
  const reviewer = requireRole(actor, 'reviewer', 'admin');
  const parsed = decisionInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { action, reason } = parsed.data;
  if (action === 'reject' && kind !== 'submission') {
    throw validationError(
      new z.ZodError([
        {
          code: 'custom',
          path: ['action'],
          message: 'replies can be hidden, not rejected',
          input: action,
        },
      ]),
    );
  }
  if (action === 'reject' && !reason) {
    throw validationError(
      new z.ZodError([{ code: 'custom', path: ['reason'], message: 'required', input: reason }]),
    );
  }
  const now = s.clock.now();
  const role = hasRole(reviewer, 'reviewer') ? 'reviewer' : 'admin';
  const result = await s.store.write(async (tx) => {
    // What is decided on is read inside the write: two reviewers deciding at once see each other.
    const target = await findTarget(tx, kind, id);
    const before = await tx.trust.holdOf(kind, id);
    const open = await tx.trust.openReports(kind, id);
    if ((action === 'dismiss' && open === 0) || (action === 'restore' && !before)) {
      throw new ApiError('invalid_transition', 'Nothing to decide here any more');
    }
    const event = {
      submissionId: target.submissionId,
      at: now,
      actorId: reviewer.id,
      actorRole: role,
      reason: reason ?? null,
      data: { target: kind, reports: open },
    } as const;
    let status = target.status;
    let hold: HoldState | null = before;
    if (action === 'dismiss' || action === 'restore') {
      if (action === 'dismiss')
        await tx.trust.resolveReports(kind, id, 'dismissed', reviewer.id, now);
      if (before) {
        await tx.trust.clearHold(kind, id);
        hold = null;
        await tx.timeline.append({ ...event, type: 'restored' });
      }
    } else if (action === 'hide') {
      await tx.trust.resolveReports(kind, id, 'upheld', reviewer.id, now);
      await tx.trust.setHold(target, 'hidden', reviewer.id, now);
      hold = 'hidden';
      await tx.timeline.append({ ...event, type: 'hidden' });
    } else {
      await tx.trust.resolveReports(kind, id, 'upheld', reviewer.id, now);
      await tx.trust.clearHold(kind, id);
      hold = null;
      await tx.trust.rejectReported(id, reason!, now);
      await tx.timeline.append({
        ...event,
        type: 'rejected',
        fromStatus: target.status as SubmissionStatus,
        toStatus: 'rejected',
      });
      status = 'rejected';
    }
    if (hold !== before || status !== target.status)
      await indexSubmission(s, tx, target.submissionId);
    return { hold, status };
  });
  if (result.status === 'rejected') invalidateCampaignStats();
  return result;
}
