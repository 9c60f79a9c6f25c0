import { request } from './request.ts';
import type { Page, Submission } from './types.ts';

export const moderationQueue = (query: { campaign?: string; page: number }, signal?: AbortSignal) =>
  request<Page<Submission>>('/moderation/queue', { query, signal });

export const publishSubmission = (id: string) =>
  request<{ submission: Submission }>(`/submissions/${encodeURIComponent(id)}/publish`, {
    method: 'POST',
  }).then((r) => r.submission);

export const rejectSubmission = (id: string, reason: string) =>
  request<{ submission: Submission }>(`/submissions/${encodeURIComponent(id)}/reject`, {
    method: 'POST',
    body: { reason },
  }).then((r) => r.submission);
