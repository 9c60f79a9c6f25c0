import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { SubmissionRow } from '../store/submissions.ts';

/** The submission, or a 404 for the API. */
export async function getSubmission(s: Services, id: string): Promise<SubmissionRow> {
  const row = await s.store.submissions.find(id);
  if (!row) throw new ApiError('not_found', 'No such submission');
  return row;
}
