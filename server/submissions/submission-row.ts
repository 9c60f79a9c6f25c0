import { publicSubmissionStatuses, type SubmissionStatus } from '../../schema/states.ts';

export type { SubmissionRow } from '../store/submissions.ts';

/** @deprecated Transitional SQL for code not yet in the store (see server/store/fragments.ts). */
export function publicText(table: string, field: 'title' | 'body'): string {
  const prefix = table ? `${table}.` : '';
  return `coalesce(nullif(${prefix}${field}_public, ''), ${prefix}${field})`;
}

/** What to store as the public text: empty when masking changed nothing. */
export const storedPublicText = (original: string, masked: string) =>
  masked === original ? '' : masked;

/** @deprecated Transitional SQL for code not yet in the store (see server/store/fragments.ts). */
export function publicCustom(table: string): string {
  const prefix = table ? `${table}.` : '';
  return `coalesce(${prefix}custom_public, ${prefix}custom)`;
}

/** @deprecated Transitional SQL for code not yet in the store (see server/store/fragments.ts). */
export const submissionColumns = `s.id, s.ref, s.campaign_id as campaignId, s.author_id as authorId,
  u.display_name as authorName, s.kind, s.title, s.body, ${publicText('s', 'title')} as titlePublic,
  ${publicText('s', 'body')} as bodyPublic, s.has_personal_data as hasPersonalData, s.region_code as regionCode,
  s.topic, s.custom, ${publicCustom('s')} as customPublic, s.show_name as showName, s.status, s.reject_reason as rejectReason,
  s.support_count as supportCount, s.created_at as createdAt, s.published_at as publishedAt`;

/** @deprecated Transitional SQL for code not yet in the store. */
export const submissionFrom = 'from submissions s join users u on u.id = s.author_id';

/** Statuses anyone may read. */
export const publicStatuses: readonly SubmissionStatus[] = publicSubmissionStatuses;

/** @deprecated Transitional SQL for code not yet in the store (see server/store/fragments.ts). */
export const publicStatusSql = publicStatuses.map((st) => `'${st}'`).join(', ');
