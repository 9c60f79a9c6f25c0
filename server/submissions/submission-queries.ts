import type { Services } from '../services.ts';
import { ApiError } from '../http/api-error.ts';
import {
  publicStatuses,
  submissionColumns,
  submissionFrom,
  type SubmissionRow,
} from './submission-row.ts';

export function findSubmission(s: Services, id: string): SubmissionRow | undefined {
  return s.sqlite
    .prepare(`select ${submissionColumns} ${submissionFrom} where s.id = ?`)
    .get(id) as SubmissionRow | undefined;
}

export function getSubmission(s: Services, id: string): SubmissionRow {
  const row = findSubmission(s, id);
  if (!row) throw new ApiError('not_found', 'No such submission');
  return row;
}

export type PageQuery = { page: number; pageSize: number };

const statusList = publicStatuses.map((st) => `'${st}'`).join(', ');

/** Published submissions of a campaign, newest or most supported first, one page at a time. */
export function listPublicSubmissions(
  s: Services,
  campaignId: string,
  q: PageQuery & {
    sort: 'newest' | 'supports';
    topic?: string | undefined;
    region?: string | undefined;
  },
): { rows: SubmissionRow[]; total: number } {
  const where = [`s.campaign_id = @campaignId`, `s.status in (${statusList})`];
  if (q.topic) where.push('s.topic = @topic');
  if (q.region) where.push("s.region_code like @region || '%'");
  const order =
    q.sort === 'supports' ? 's.support_count desc, s.published_at desc' : 's.published_at desc';
  const params = { campaignId, topic: q.topic ?? null, region: q.region ?? null };
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns} ${submissionFrom} where ${where.join(' and ')} order by ${order} limit @limit offset @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as SubmissionRow[];
  const total = s.sqlite
    .prepare(`select count(*) from submissions s where ${where.join(' and ')}`)
    .pluck()
    .get(params) as number;
  return { rows, total };
}

export function listAuthorSubmissions(s: Services, authorId: string, q: PageQuery) {
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns} ${submissionFrom} where s.author_id = ? order by s.created_at desc limit ? offset ?`,
    )
    .all(authorId, q.pageSize, (q.page - 1) * q.pageSize) as SubmissionRow[];
  const total = s.sqlite
    .prepare('select count(*) from submissions where author_id = ?')
    .pluck()
    .get(authorId) as number;
  return { rows, total };
}

/** Submissions waiting for a reviewer, oldest first (first in, first out). */
export function listModerationQueue(
  s: Services,
  q: PageQuery & { campaignId?: string | undefined },
) {
  const where = ["s.status = 'received'"];
  if (q.campaignId) where.push('s.campaign_id = @campaignId');
  const params = { campaignId: q.campaignId ?? null };
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns} ${submissionFrom} where ${where.join(' and ')} order by s.created_at asc limit @limit offset @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as SubmissionRow[];
  const total = s.sqlite
    .prepare(`select count(*) from submissions s where ${where.join(' and ')}`)
    .pluck()
    .get(params) as number;
  return { rows, total };
}

/** Which of these submissions the user has supported, in one query (no N+1). */
export function supportedBy(s: Services, userId: string | undefined, ids: string[]): Set<string> {
  if (!userId || ids.length === 0) return new Set();
  const rows = s.sqlite
    .prepare(
      `select submission_id from supports where user_id = ? and submission_id in (${ids.map(() => '?').join(',')})`,
    )
    .pluck()
    .all(userId, ...ids) as string[];
  return new Set(rows);
}

export type TimelineRow = {
  id: number;
  at: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  data: string | null;
};

export function timelineOf(s: Services, submissionId: string): TimelineRow[] {
  return s.sqlite
    .prepare(
      `select e.id, e.at, e.type, e.from_status as fromStatus, e.to_status as toStatus, e.reason,
        e.actor_id as actorId, e.actor_role as actorRole, u.display_name as actorName, e.data
       from timeline_events e left join users u on u.id = e.actor_id
       where e.submission_id = ? order by e.id`,
    )
    .all(submissionId) as TimelineRow[];
}
