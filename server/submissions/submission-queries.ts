import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';
import { ApiError } from '../http/api-error.ts';
import {
  publicStatusSql,
  submissionColumns,
  submissionFrom,
  type SubmissionRow,
} from './submission-row.ts';

export function findSubmission(s: Services, id: string): SubmissionRow | undefined {
  return cachedStatement(
    s.sqlite,
    `select ${submissionColumns} ${submissionFrom} where s.id = ?`,
  ).get(id) as SubmissionRow | undefined;
}

export function getSubmission(s: Services, id: string): SubmissionRow {
  const row = findSubmission(s, id);
  if (!row) throw new ApiError('not_found', 'No such submission');
  return row;
}

export type PageQuery = { page: number; pageSize: number };

const statusList = publicStatusSql;

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
  // A form-letter group is one voice: only its first member (or, if that one is not public, its
  // earliest published member) is listed.
  where.push(`(t.group_id is null or s.id = (select s2.id from text_signatures t2 join submissions s2 on s2.id = t2.submission_id
    where t2.group_id = t.group_id and s2.status in (${statusList}) order by s2.id = t2.group_id desc, s2.published_at, s2.id limit 1))`);
  if (q.topic) where.push('s.topic = @topic');
  if (q.region) where.push("s.region_code like @region || '%'");
  const order =
    q.sort === 'supports' ? 's.support_count desc, s.published_at desc' : 's.published_at desc';
  const params = { campaignId, topic: q.topic ?? null, region: q.region ?? null };
  const rows = s.sqlite
    .prepare(
      `select ${submissionColumns} ${submissionFrom} left join text_signatures t on t.submission_id = s.id
       where ${where.join(' and ')} order by ${order} limit @limit offset @offset`,
    )
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as SubmissionRow[];
  const total = s.sqlite
    .prepare(
      `select count(*) from submissions s left join text_signatures t on t.submission_id = s.id where ${where.join(' and ')}`,
    )
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

/**
 * "N people sent this text": for each submission, how many non-rejected submissions share its
 * near-duplicate group (1 when it stands alone). Two queries for a whole page, never one per row.
 */
export function voiceWeights(s: Services, ids: string[]): Map<string, number> {
  const weights = new Map(ids.map((id) => [id, 1]));
  if (ids.length === 0) return weights;
  const marks = ids.map(() => '?').join(',');
  const groups = s.sqlite
    .prepare(
      `select submission_id as id, group_id as groupId from text_signatures where group_id is not null and submission_id in (${marks})`,
    )
    .all(...ids) as { id: string; groupId: string }[];
  if (groups.length === 0) return weights;
  const keys = [...new Set(groups.map((g) => g.groupId))];
  const sizes = new Map(
    (
      s.sqlite
        .prepare(
          `select t.group_id as groupId, count(*) as n from text_signatures t join submissions s on s.id = t.submission_id
           where t.group_id in (${keys.map(() => '?').join(',')}) and s.status != 'rejected' group by t.group_id`,
        )
        .all(...keys) as { groupId: string; n: number }[]
    ).map((r) => [r.groupId, r.n]),
  );
  for (const g of groups) weights.set(g.id, Math.max(1, sizes.get(g.groupId) ?? 1));
  return weights;
}
