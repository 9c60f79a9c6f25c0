import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';
import { ApiError } from '../http/api-error.ts';
import { submissionColumns, submissionFrom, type SubmissionRow } from './submission-row.ts';

/** @deprecated Transitional: use `s.store.submissions.find(id)`. */
export function findSubmissionLegacy(s: Services, id: string): SubmissionRow | undefined {
  return cachedStatement(
    s.sqlite,
    `select ${submissionColumns} ${submissionFrom} where s.id = ?`,
  ).get(id) as SubmissionRow | undefined;
}

/** @deprecated Transitional: use `await getSubmission(s, id)`. */
export function getSubmissionLegacy(s: Services, id: string): SubmissionRow {
  const row = findSubmissionLegacy(s, id);
  if (!row) throw new ApiError('not_found', 'No such submission');
  return row;
}

/** Which of these submissions the user has supported, in one query (no N+1). */
/** @deprecated Transitional: use `s.store.submissions.supportedBy()`. */
export function supportedByLegacy(
  s: Services,
  userId: string | undefined,
  ids: string[],
): Set<string> {
  if (!userId || ids.length === 0) return new Set();
  const rows = s.sqlite
    .prepare(
      `select submission_id from supports where user_id = ? and submission_id in (${ids.map(() => '?').join(',')})`,
    )
    .pluck()
    .all(userId, ...ids) as string[];
  return new Set(rows);
}

/**
 * "N people sent this text": for each submission, how many non-rejected submissions share its
 * near-duplicate group (1 when it stands alone). Two queries for a whole page, never one per row.
 */
/** @deprecated Transitional: use `s.store.submissions.voiceWeights()`. */
export function voiceWeightsLegacy(s: Services, ids: string[]): Map<string, number> {
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

/** The submission, or a 404 for the API. */
export async function getSubmission(s: Services, id: string): Promise<SubmissionRow> {
  const row = await s.store.submissions.find(id);
  if (!row) throw new ApiError('not_found', 'No such submission');
  return row;
}
