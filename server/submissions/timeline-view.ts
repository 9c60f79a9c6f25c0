import { isStaff, type Actor } from '../auth/actor.ts';
import type { Role, SubmissionStatus, TimelineEventType } from '../../schema/states.ts';
import type { TimelineRow } from './submission-queries.ts';

/** Reasons written for staff (review notes, flags, extension requests) that the public does not see. */
const staffOnlyReasons = new Set<string>([
  'reply-returned',
  'flagged',
  'extension-requested',
  'extension-granted',
  'extension-refused',
  'urgency-changed',
]);

/** Timeline entries for one reader: the public sees in what role someone acted, staff also who. */
export function viewTimeline(viewer: Actor | null, rows: TimelineRow[]) {
  const staff = isStaff(viewer);
  return rows.map((e) => ({
    id: e.id,
    at: e.at,
    type: e.type as TimelineEventType,
    fromStatus: e.fromStatus as SubmissionStatus | null,
    toStatus: e.toStatus as SubmissionStatus | null,
    reason: staffOnlyReasons.has(e.type) && !staff ? null : e.reason,
    data: (e.data && !(staffOnlyReasons.has(e.type) && !staff)
      ? JSON.parse(e.data)
      : null) as Record<string, unknown> | null,
    actor: e.actorRole
      ? {
          role: e.actorRole as Role,
          ...(e.actorName && (staff || e.actorId === viewer?.id) ? { name: e.actorName } : {}),
        }
      : null,
  }));
}
