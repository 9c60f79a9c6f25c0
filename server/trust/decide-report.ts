import { z } from 'zod';
import type { ReportTarget } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import { invalidateCampaignStats } from '../campaigns/campaign-view.ts';
import { ApiError, validationError } from '../http/api-error.ts';
import { indexSubmission } from '../search/search-index.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';
import { holdOfLegacy, setHold } from './content-holds.ts';
import { findTarget } from './report-target.ts';

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
export function decideReport(
  s: Services,
  actor: Actor | null,
  kind: ReportTarget,
  id: string,
  raw: unknown,
): { hold: string | null; status: string } {
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
  const target = findTarget(s, kind, id);
  const now = s.clock.now();
  const role = reviewer.roles.some((g) => g.role === 'reviewer') ? 'reviewer' : 'admin';
  const result = s.sqlite.transaction(() => {
    const before = holdOfLegacy(s, kind, id);
    const open = s.sqlite
      .prepare(
        "select count(*) from reports where target_kind = ? and target_id = ? and state = 'open'",
      )
      .pluck()
      .get(kind, id) as number;
    if ((action === 'dismiss' && open === 0) || (action === 'restore' && !before)) {
      throw new ApiError('invalid_transition', 'Nothing to decide here any more');
    }
    const resolve = (state: 'dismissed' | 'upheld') =>
      s.sqlite
        .prepare(
          "update reports set state = ?, resolved_by = ?, resolved_at = ? where target_kind = ? and target_id = ? and state = 'open'",
        )
        .run(state, reviewer.id, now, kind, id);
    const event = {
      submissionId: target.submissionId,
      at: now,
      actorId: reviewer.id,
      actorRole: role,
    } as const;
    const data = { target: kind, reports: open };
    let status = target.status;
    if (action === 'dismiss' || action === 'restore') {
      if (action === 'dismiss') resolve('dismissed');
      if (before) {
        setHold(s, target, null, reviewer.id);
        appendEventLegacy(s, { ...event, type: 'restored', reason: reason ?? null, data });
      }
    } else if (action === 'hide') {
      resolve('upheld');
      setHold(s, target, 'hidden', reviewer.id);
      appendEventLegacy(s, { ...event, type: 'hidden', reason: reason ?? null, data });
    } else {
      resolve('upheld');
      setHold(s, target, null, reviewer.id);
      s.sqlite
        .prepare(
          'update submissions set status = ?, reject_reason = ?, updated_at = ? where id = ?',
        )
        .run('rejected', reason, now, id);
      appendEventLegacy(s, {
        ...event,
        type: 'rejected',
        fromStatus: target.status as 'published',
        toStatus: 'rejected',
        reason: reason ?? null,
        data,
      });
      status = 'rejected';
    }
    indexSubmission(s, target.submissionId);
    return { hold: holdOfLegacy(s, kind, id), status };
  })();
  if (result.status === 'rejected') invalidateCampaignStats();
  return result;
}
