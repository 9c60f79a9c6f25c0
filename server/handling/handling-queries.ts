import type { Services } from '../services.ts';
import {
  submissionColumns,
  submissionFrom,
  type SubmissionRow,
} from '../submissions/submission-row.ts';
import { handlingColumns, type HandlingRow } from './handling-row.ts';

export type InboxRow = { submission: SubmissionRow; handling: HandlingRow };

type Page = { page: number; pageSize: number };

function split(rows: Record<string, unknown>[]): InboxRow[] {
  return rows.map((r) => {
    const { h_json, ...sub } = r as Record<string, unknown> & { h_json: string };
    return {
      submission: sub as unknown as SubmissionRow,
      handling: JSON.parse(h_json) as HandlingRow,
    };
  });
}

// The handling row travels as one JSON column so one query returns both halves (no N+1).
const handlingJson = `json_object('submissionId', h.submission_id, 'campaignId', h.campaign_id, 'state', h.state,
  'unitId', h.unit_id, 'urgency', h.urgency, 'round', h.round, 'routedAt', h.routed_at, 'dueAt', h.due_at,
  'transferCount', h.transfer_count, 'flagReason', h.flag_reason, 'extension', h.extension,
  'extensionReason', h.extension_reason, 'extensionDays', h.extension_days, 'escalatedAt', h.escalated_at,
  'answeredAt', h.answered_at) as h_json`;

export type InboxFilter = Page & {
  units: string[];
  view: 'open' | 'replied' | 'answered' | 'escalated' | 'all';
  topic?: string | undefined;
  urgency?: 'urgent' | 'normal' | undefined;
  overdue?: boolean | undefined;
};

/**
 * A unit's inbox, soonest due first. `escalated` lists overdue matters of the units directly
 * below (督办), which the supervising unit follows up.
 */
export function listInbox(s: Services, f: InboxFilter): { rows: InboxRow[]; total: number } {
  if (f.units.length === 0) return { rows: [], total: 0 };
  const units = f.units.map(() => '?').join(',');
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.view === 'escalated') {
    where.push(
      `h.escalated_at is not null and h.state in ('routed', 'returned') and h.unit_id in (select id from organisations where parent_id in (${units}))`,
    );
  } else {
    where.push(`h.unit_id in (${units})`);
    const states = {
      open: "'routed', 'returned'",
      replied: "'replied'",
      answered: "'approved', 'rated'",
      all: "'routed', 'returned', 'replied', 'approved', 'rated'",
    }[f.view];
    where.push(`h.state in (${states})`);
  }
  args.push(...f.units);
  if (f.topic) {
    where.push('s.topic = ?');
    args.push(f.topic);
  }
  if (f.urgency) {
    where.push('h.urgency = ?');
    args.push(f.urgency);
  }
  if (f.overdue) {
    where.push("h.due_at < ? and h.state in ('routed', 'returned')");
    args.push(s.clock.now());
  }
  const whereSql = where.join(' and ');
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns}, ${handlingJson} ${submissionFrom} join handlings h on h.submission_id = s.id
       where ${whereSql} order by h.due_at is null, h.due_at asc, s.created_at asc limit ? offset ?`,
    )
    .all(...args, f.pageSize, (f.page - 1) * f.pageSize) as Record<string, unknown>[];
  const total = s.sqlite
    .prepare(
      `select count(*) from handlings h join submissions s on s.id = h.submission_id where ${whereSql}`,
    )
    .pluck()
    .get(...args) as number;
  return { rows: split(rows), total };
}

/** Submissions no rule could route, and bounced ones: reviewers assign them (oldest first). */
export function listTriage(s: Services, q: Page) {
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns}, ${handlingJson} ${submissionFrom} join handlings h on h.submission_id = s.id
       where h.state = 'unrouted' order by s.created_at asc limit ? offset ?`,
    )
    .all(q.pageSize, (q.page - 1) * q.pageSize) as Record<string, unknown>[];
  const total = s.sqlite
    .prepare("select count(*) from handlings where state = 'unrouted'")
    .pluck()
    .get() as number;
  return { rows: split(rows), total };
}

/** Extension requests waiting for a reviewer. */
export function listExtensionRequests(s: Services, q: Page) {
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns}, ${handlingJson} ${submissionFrom} join handlings h on h.submission_id = s.id
       where h.extension = 'requested' order by h.due_at asc limit ? offset ?`,
    )
    .all(q.pageSize, (q.page - 1) * q.pageSize) as Record<string, unknown>[];
  const total = s.sqlite
    .prepare("select count(*) from handlings where extension = 'requested'")
    .pluck()
    .get() as number;
  return { rows: split(rows), total };
}

export type ReplyRow = {
  id: string;
  submissionId: string | null;
  collectiveId: string | null;
  unitId: string | null;
  authorId: string;
  authorName: string;
  round: number;
  version: number;
  body: string;
  office: string | null;
  contactPhone: string | null;
  state: 'submitted' | 'approved' | 'returned';
  submittedAt: number;
  reviewedAt: number | null;
  returnReason: string | null;
  returnNote: string | null;
};

const replyColumns = `r.id, r.submission_id as submissionId, r.collective_id as collectiveId, r.unit_id as unitId,
  r.author_id as authorId, u.display_name as authorName, r.round, r.version, r.body, r.office,
  r.contact_phone as contactPhone, r.state, r.submitted_at as submittedAt, r.reviewed_at as reviewedAt,
  r.return_reason as returnReason, r.return_note as returnNote`;

/** Replies waiting for review, oldest first. */
export function listReplyQueue(s: Services, q: Page): { rows: ReplyRow[]; total: number } {
  const rows = s.sqlite
    .prepare(
      `select ${replyColumns} from replies r join users u on u.id = r.author_id
       where r.state = 'submitted' and r.submission_id is not null order by r.submitted_at asc limit ? offset ?`,
    )
    .all(q.pageSize, (q.page - 1) * q.pageSize) as ReplyRow[];
  const total = s.sqlite
    .prepare("select count(*) from replies where state = 'submitted' and submission_id is not null")
    .pluck()
    .get() as number;
  return { rows, total };
}

/** Every reply of a submission, its own and collective ones, in order. */
export function repliesOf(
  s: Services,
  submissionId: string,
): (ReplyRow & { collectiveTitle: string | null })[] {
  return s.sqlite
    .prepare(
      `select ${replyColumns}, null as collectiveTitle from replies r join users u on u.id = r.author_id where r.submission_id = ?
       union all
       select ${replyColumns}, c.title as collectiveTitle from collective_reply_members m
         join collective_replies c on c.id = m.collective_id
         join replies r on r.collective_id = c.id join users u on u.id = r.author_id
       where m.submission_id = ?
       order by submittedAt, version`,
    )
    .all(submissionId, submissionId) as (ReplyRow & { collectiveTitle: string | null })[];
}

export function ratingsOf(s: Services, submissionId: string) {
  return s.sqlite
    .prepare('select round, value, comment, at from ratings where submission_id = ? order by round')
    .all(submissionId) as { round: number; value: string; comment: string | null; at: number }[];
}

export function handlingOf(s: Services, submissionId: string): HandlingRow | undefined {
  return s.sqlite
    .prepare(`select ${handlingColumns} from handlings h where h.submission_id = ?`)
    .get(submissionId) as HandlingRow | undefined;
}
