// Sentences for the handling workflow: timeline events and notifications, built from the `data`
// the server writes with them, in the reader's language. Everything returned is plain text and
// is rendered through ordinary bindings (titles and notes are citizens' or staff's text).
import type {
  Notification,
  ReturnReason,
  Satisfaction,
  TimelineEvent,
  Urgency,
} from '../api/types.ts';
import { formatDate, getLocale, t, type MessageKey } from '../i18n/index.ts';
import {
  returnReasons,
  satisfactions,
  timelineEventTypes,
  urgencies,
} from '../../../schema/states.ts';
import { unitLabel } from './orgs.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const dueDate = (ms: number | null | undefined): string => (ms ? formatDate(ms) : '');

export function satisfactionLabel(v: unknown): string {
  return (satisfactions as readonly unknown[]).includes(v)
    ? t(`satisfaction.${v as Satisfaction}`)
    : String(v ?? '');
}

export function urgencyLabel(v: unknown): string {
  return (urgencies as readonly unknown[]).includes(v)
    ? t(`urgency.${v as Urgency}`)
    : String(v ?? '');
}

export function returnReasonLabel(v: unknown): string {
  return (returnReasons as readonly unknown[]).includes(v)
    ? t(`returnReason.${v as ReturnReason}`)
    : String(v ?? '');
}

/**
 * A flag reason in the reader's language. The server writes these as English sentences (see the
 * report on server issues); the two it produces are recognised, anything else is shown as is.
 */
export function flagReasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  if (reason === 'triage' || reason.startsWith('no routing rule')) return t('flag.triage');
  const back = /^bounced back to (.+), which already had it$/.exec(reason);
  if (back) return t('flag.bouncedBack', { unit: unitLabel(back[1]!) });
  const times = /^transferred (\d+) times$/.exec(reason);
  if (times) return t('flag.transferredTimes', { n: times[1]! });
  return reason;
}

/** Events whose `reason` the platform wrote for itself: the sentence already says it. */
const systemReasons = new Set(['routed', 'flagged', 'reopened', 'escalated']);

/** Events where `reason` is the actor's justification (理由) rather than a cause (原因). */
const justified = new Set(['transferred', 'urgency-changed', 'extension-requested']);
/** Events where `reason` is a reviewer's remark on a decision (说明). */
const remarks = new Set(['assigned', 'extension-granted', 'extension-refused']);

export type TimelineText = {
  /** The headline: what happened, with units and dates. */
  text: string;
  /** How to show `reason` below it, or null not to. */
  reason: 'reason' | 'why' | 'note' | 'comment' | 'instruction' | null;
};

/** The line under an event that shows its `reason`, labelled as `timelineText` says. */
export function reasonLine(kind: NonNullable<TimelineText['reason']>, reason: string): string {
  switch (kind) {
    case 'comment':
      return t('timeline.comment', { comment: reason });
    case 'why':
      return t('timeline.why', { reason });
    case 'note':
      return t('timeline.note', { note: reason });
    case 'instruction':
      // A leader's instruction (批示): staff read its words; the public gets no reason.
      return t('timeline.instruction', { note: reason });
    default:
      return t('timeline.reason', { reason });
  }
}

/** The human sentence for a timeline event; `staff` readers also see return reasons. */
export function timelineText(e: TimelineEvent, staff: boolean): TimelineText {
  const d = e.data ?? {};
  const known = (timelineEventTypes as readonly string[]).includes(e.type);
  const fallback = known ? t(`timeline.${e.type}`) : e.type;
  let reason: TimelineText['reason'] = null;
  if (e.reason && !systemReasons.has(e.type)) {
    if (e.type === 'rated') reason = 'comment';
    else if (e.type === 'instructed') reason = 'instruction';
    else if (justified.has(e.type)) reason = 'why';
    else if (remarks.has(e.type)) reason = 'note';
    else reason = 'reason';
  }
  const unit = str(d.unit) ? unitLabel({ code: str(d.unitCode), name: str(d.unit)! }) : null;
  const due = num(d.dueAt);
  let text: string | null = null;
  switch (e.type) {
    case 'routed':
      if (unit && due)
        text = t(d.urgency === 'urgent' ? 'tl.routedUrgent' : 'tl.routed', {
          unit,
          due: dueDate(due),
        });
      break;
    case 'assigned':
      if (unit && due) text = t('tl.assigned', { unit, due: dueDate(due) });
      break;
    case 'transferred': {
      const from = str(d.from);
      const to = str(d.to) ? unitLabel({ code: str(d.toCode), name: str(d.to)! }) : null;
      if (from && to)
        text = t(d.carriedOut === false ? 'tl.transferRefused' : 'tl.transferred', {
          from: unitLabel(from),
          to,
        });
      break;
    }
    case 'flagged':
      text = t(str(d.requested) ? 'tl.flaggedBounce' : 'tl.flaggedTriage');
      break;
    case 'urgency-changed':
      if (str(d.from) && str(d.to) && due)
        text = t('tl.urgency', {
          from: urgencyLabel(d.from),
          to: urgencyLabel(d.to),
          due: dueDate(due),
        });
      break;
    case 'extension-requested':
      if (num(d.days)) text = t('tl.extension-requested', { days: num(d.days)! });
      break;
    case 'extension-granted':
      if (num(d.days) && due)
        text = t('tl.extension-granted', { days: num(d.days)!, due: dueDate(due) });
      break;
    case 'extension-refused':
      text = t('tl.extension-refused');
      break;
    case 'reply-submitted':
      if (unit && num(d.version))
        text = t('tl.reply-submitted', { unit, version: num(d.version)! });
      break;
    case 'reply-approved':
      if (unit) text = t('tl.reply-approved', { unit });
      break;
    case 'supports-discounted':
      if (num(d.discounted) !== null && num(d.supportCount) !== null)
        text = t('tl.supports-discounted', { n: num(d.discounted)!, count: num(d.supportCount)! });
      break;
    case 'reply-returned':
      // The public learns that a reply was returned; why is between the unit and the reviewer.
      if (staff && str(d.returnReason))
        text = t('tl.reply-returned', { reason: returnReasonLabel(d.returnReason) });
      break;
    case 'collective-reply':
      if (str(d.title))
        text = t('tl.collective-reply', {
          org: str(d.org) ? unitLabel(str(d.org)) : t('role.owner'),
          title: str(d.title)!,
        });
      break;
    case 'rated':
      if (str(d.value)) text = t('tl.rated', { value: satisfactionLabel(d.value) });
      break;
    case 'reopened':
      if (num(d.round) && due) text = t('tl.reopened', { round: num(d.round)!, due: dueDate(due) });
      break;
    case 'instructed':
      // 急办 makes the matter urgent and moves its due date; 一般 leaves both as they were.
      text = due
        ? t(d.priority === 'urgent' ? 'tl.instructedUrgent' : 'tl.instructed', {
            due: dueDate(due),
          })
        : t('tl.instructedNoDue');
      break;
    case 'escalated':
      text = str(d.supervisor)
        ? t('tl.escalated', { supervisor: unitLabel(str(d.supervisor)) })
        : t('tl.escalatedNoSup');
      break;
    default:
      break;
  }
  return { text: text ?? fallback, reason };
}

/** An adoption status in the reader's language. */
export function adoptionStatusLabel(status: string): string {
  const key = `adoption.status.${status}`;
  return key in adoptionStatusKeys ? t(key as MessageKey) : status;
}
const adoptionStatusKeys = {
  'adoption.status.under_consideration': 1,
  'adoption.status.partially_adopted': 1,
  'adoption.status.adopted': 1,
  'adoption.status.implemented': 1,
  'adoption.status.withdrawn': 1,
};

/** A notification's kind: an adoption notice that tells of a withdrawal says so. */
export function notificationTypeLabel(n: Notification): string {
  if (n.type === 'adopted' && n.data.status === 'withdrawn')
    return t('notifications.type.adoptionWithdrawn');
  return t(`notifications.type.${n.type}`);
}

/** The sentence for a notification, in the reader's language. */
export function notificationText(n: Notification): string {
  const d = n.data;
  const base = { ref: str(d.ref) ?? '', title: str(d.title) ?? '' };
  const due = num(d.dueAt);
  const unit = str(d.unit) ? unitLabel(str(d.unit)) : '';
  let key: MessageKey;
  let vars: Record<string, string | number> = base;
  switch (n.type) {
    case 'routed':
      key = due ? 'notif.routed' : 'notif.routedNoDue';
      vars = { ...base, due: dueDate(due) };
      break;
    case 'replied':
      key = str(d.collective) ? 'notif.repliedCollective' : 'notif.replied';
      vars = { ...base, unit, collective: str(d.collective) ?? '' };
      break;
    case 'returned':
      key = 'notif.returned';
      vars = { ...base, reason: returnReasonLabel(d.reason), note: str(d.note) ?? '' };
      break;
    case 'rated':
      key = str(d.comment) ? 'notif.ratedComment' : 'notif.rated';
      vars = { ...base, value: satisfactionLabel(d.value), comment: str(d.comment) ?? '' };
      break;
    case 'escalated':
      key = 'notif.escalated';
      vars = { ...base, unit, due: dueDate(due) };
      break;
    case 'flagged':
      key = 'notif.flagged';
      vars = { ...base, reason: flagReasonText(str(d.reason)) };
      break;
    case 'extension-requested':
      key = 'notif.extension-requested';
      vars = { ...base, days: num(d.days) ?? '', reason: str(d.reason) ?? '' };
      break;
    case 'extension-decided':
      key =
        d.granted === 1 || d.granted === '1'
          ? 'notif.extension-granted'
          : 'notif.extension-refused';
      vars = { ...base, due: dueDate(due) };
      break;
    case 'published':
      key = 'notif.published';
      break;
    case 'instructed':
      key = d.priority === 'urgent' ? 'notif.instructedUrgent' : 'notif.instructed';
      // The leader's office title, in English where the file gives one.
      vars = {
        ...base,
        addressee:
          (getLocale() === 'en' ? str(d.addresseeEn) : null) ??
          str(d.addressee) ??
          t('role.office'),
      };
      break;
    case 'rejected':
      key = 'notif.rejected';
      vars = { ...base, reason: str(d.reason) ?? '' };
      break;
    case 'adopted': {
      const status = str(d.status);
      if (!str(d.document)) key = 'notif.adopted';
      else if (status !== 'withdrawn') key = 'notif.adoptedClause';
      else key = str(d.reason) ? 'notif.adoptionWithdrawnReason' : 'notif.adoptionWithdrawn';
      vars = {
        ...base,
        reason: str(d.reason) ?? '',
        status: status ? adoptionStatusLabel(status) : '',
        document: str(d.document) ?? '',
        clause: str(d.clause) ?? '',
        quote: str(d.quote) ?? '',
      };
      break;
    }
    default:
      return base.ref ? `${base.ref} ${base.title}` : String(n.type);
  }
  return t(key, vars);
}
