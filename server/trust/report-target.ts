import type { ReportTarget } from '../../schema/states.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { findSubmissionLegacy } from '../submissions/submission-queries.ts';
import { publicStatuses } from '../submissions/submission-row.ts';

export type Target = {
  kind: ReportTarget;
  id: string;
  submissionId: string;
  /** Who wrote it (the netizen, or the reply's author). */
  authorId: string;
  /** The text as written, for reviewers. */
  title: string | null;
  body: string;
  ref: string;
  status: string;
};

/** A published submission or an approved reply of a public submission; 404 for anything else. */
export function findTarget(s: Services, kind: ReportTarget, id: string): Target {
  if (kind === 'submission') {
    const row = findSubmissionLegacy(s, id);
    if (!row || !publicStatuses.includes(row.status))
      throw new ApiError('not_found', 'No such submission');
    return {
      kind,
      id,
      submissionId: row.id,
      authorId: row.authorId,
      title: row.title,
      body: row.body,
      ref: row.ref,
      status: row.status,
    };
  }
  const reply = s.sqlite
    .prepare(
      `select r.id, r.submission_id as submissionId, r.author_id as authorId, r.body, s.ref, s.status
       from replies r join submissions s on s.id = r.submission_id
       where r.id = ? and r.state = 'approved'`,
    )
    .get(id) as Omit<Target, 'kind' | 'title'> | undefined;
  if (!reply || !publicStatuses.includes(reply.status as (typeof publicStatuses)[number])) {
    throw new ApiError('not_found', 'No such reply');
  }
  return { kind, title: null, ...reply };
}
