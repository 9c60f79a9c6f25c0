import { isStaff, type Actor } from '../auth/actor.ts';
import type { Role, SubmissionStatus, TimelineEventType } from '../../schema/states.ts';
import { maskPersonalData, maskTextFields } from '../text/mask-personal-data.ts';
import type { TimelineRow } from '../store/timeline.ts';

/** Reasons written for staff (review notes, flags, extension requests) that the public does not see. */
const staffOnlyReasons = new Set<string>([
  'reply-returned',
  'flagged',
  'extension-requested',
  'extension-granted',
  'extension-refused',
  'urgency-changed',
  // A leader's instruction (批示) is for the unit and reviewers; the public sees that it was given.
  'instructed',
]);

/**
 * Timeline entries for one reader: the public sees in what role someone acted, staff also who.
 * Reasons and titles written there (a transfer's reason, a collective reply's title) are public
 * text: masked unless the reader is staff who may see the submission sealed (`sealedForStaff`).
 */
export function viewTimeline(viewer: Actor | null, rows: TimelineRow[], sealedForStaff: boolean) {
  const staff = isStaff(viewer);
  const mask = (text: string | null) =>
    text === null || sealedForStaff ? text : maskPersonalData(text).text;
  return rows.map((e) => ({
    id: e.id,
    at: e.at,
    type: e.type as TimelineEventType,
    fromStatus: e.fromStatus as SubmissionStatus | null,
    toStatus: e.toStatus as SubmissionStatus | null,
    reason: staffOnlyReasons.has(e.type) && !staff ? null : mask(e.reason),
    data: (e.data && !(staffOnlyReasons.has(e.type) && !staff)
      ? sealedForStaff
        ? JSON.parse(e.data)
        : maskTextFields(JSON.parse(e.data) as Record<string, unknown>)
      : null) as Record<string, unknown> | null,
    actor: e.actorRole
      ? {
          role: e.actorRole as Role,
          ...(e.actorName && (staff || e.actorId === viewer?.id) ? { name: e.actorName } : {}),
        }
      : null,
  }));
}
