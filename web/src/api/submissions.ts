import type { Adoption } from './adoption.ts';
import { request } from './request.ts';
import type { HandlingView, Page, Submission, TimelineEvent } from './types.ts';

export type NewSubmission = {
  title: string;
  body: string;
  regionCode?: string;
  topic?: string;
  /** Key of the leader written to (a leadership board). */
  addressee?: string;
  custom?: Record<string, string | number>;
  showName: boolean;
};

export type SubmissionSort = 'newest' | 'supports';

export const createSubmission = (slug: string, body: NewSubmission) =>
  request<{ submission: Submission }>(`/campaigns/${encodeURIComponent(slug)}/submissions`, {
    method: 'POST',
    body,
  }).then((r) => r.submission);

export const listCampaignSubmissions = (
  slug: string,
  query: { sort: SubmissionSort; page: number; pageSize?: number; topic?: string; region?: string },
  signal?: AbortSignal,
) =>
  request<Page<Submission>>(`/campaigns/${encodeURIComponent(slug)}/submissions`, {
    query,
    signal,
  });

export const getSubmission = (id: string, signal?: AbortSignal) =>
  request<{
    submission: Submission;
    timeline: TimelineEvent[];
    handling: HandlingView;
    adoptions: Adoption[];
  }>(`/submissions/${encodeURIComponent(id)}`, { signal });

export const supportSubmission = (id: string) =>
  request<{ supportCount: number; supportedByMe: true }>(
    `/submissions/${encodeURIComponent(id)}/support`,
    { method: 'POST' },
  );

export const mySubmissions = (page: number, signal?: AbortSignal) =>
  request<Page<Submission>>('/me/submissions', { query: { page }, signal });
