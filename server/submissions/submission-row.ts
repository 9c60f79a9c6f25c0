import type { SubmissionKind, SubmissionStatus } from '../../schema/states.ts';

/** A submission as read from the database, before it is shaped for a particular reader. */
export type SubmissionRow = {
  id: string;
  ref: string;
  campaignId: string;
  authorId: string;
  authorName: string;
  kind: SubmissionKind;
  title: string;
  body: string;
  titlePublic: string;
  bodyPublic: string;
  hasPersonalData: number;
  regionCode: string | null;
  topic: string | null;
  custom: string | null;
  /** The custom fields as the public reads them (JSON), see `publicCustom()`. */
  customPublic: string | null;
  showName: number;
  status: SubmissionStatus;
  rejectReason: string | null;
  supportCount: number;
  createdAt: number;
  publishedAt: number | null;
};

/**
 * The public (masked) title or body of a submission as SQL: the stored masked text, or the
 * original when it had nothing to mask (stored empty, see schema/submissions.ts).
 */
export function publicText(table: string, field: 'title' | 'body'): string {
  const prefix = table ? `${table}.` : '';
  return `coalesce(nullif(${prefix}${field}_public, ''), ${prefix}${field})`;
}

/** What to store as the public text: empty when masking changed nothing. */
export const storedPublicText = (original: string, masked: string) =>
  masked === original ? '' : masked;

/** The public (masked) custom fields as SQL (JSON): the stored masked copy, or the original. */
export function publicCustom(table: string): string {
  const prefix = table ? `${table}.` : '';
  return `coalesce(${prefix}custom_public, ${prefix}custom)`;
}

/** Columns for SubmissionRow; every query that feeds the view selects exactly these. */
export const submissionColumns = `s.id, s.ref, s.campaign_id as campaignId, s.author_id as authorId,
  u.display_name as authorName, s.kind, s.title, s.body, ${publicText('s', 'title')} as titlePublic,
  ${publicText('s', 'body')} as bodyPublic, s.has_personal_data as hasPersonalData, s.region_code as regionCode,
  s.topic, s.custom, ${publicCustom('s')} as customPublic, s.show_name as showName, s.status, s.reject_reason as rejectReason,
  s.support_count as supportCount, s.created_at as createdAt, s.published_at as publishedAt`;

export const submissionFrom = 'from submissions s join users u on u.id = s.author_id';

/** Statuses anyone may read. */
export const publicStatuses: readonly SubmissionStatus[] = ['published', 'answered', 'closed'];

/** The same list as SQL, for `status in (${publicStatusSql})`. */
export const publicStatusSql = publicStatuses.map((st) => `'${st}'`).join(', ');
