// Full-text search over published submissions and their public replies (tag Search).
import { request } from './request.ts';
import type { SearchPage, SearchSort, SubmissionStatus } from './types.ts';

export type SearchQuery = {
  q: string;
  campaign?: string;
  topic?: string;
  region?: string;
  status?: Extract<SubmissionStatus, 'published' | 'answered' | 'closed'>;
  from?: string;
  to?: string;
  sort?: SearchSort;
  page?: number;
  pageSize?: number;
};

export const search = (query: SearchQuery, signal?: AbortSignal) =>
  request<SearchPage>('/search', { query, signal });
