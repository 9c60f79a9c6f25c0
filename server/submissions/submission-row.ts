import { publicSubmissionStatuses, type SubmissionStatus } from '../../schema/states.ts';

export type { SubmissionRow } from '../store/submissions.ts';

/** What to store as the public text: empty when masking changed nothing. */
export const storedPublicText = (original: string, masked: string) =>
  masked === original ? '' : masked;

/** Statuses anyone may read. */
export const publicStatuses: readonly SubmissionStatus[] = publicSubmissionStatuses;
