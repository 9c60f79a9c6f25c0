// Similar and near-duplicate submissions (tag Duplicates).
import { request } from './request.ts';
import type { DuplicateGroup, SimilarItem } from './types.ts';

/** Up to 5 published submissions like the text being written (text: 4–5000 characters). */
export const similar = (slug: string, text: string, signal?: AbortSignal) =>
  request<{ items: SimilarItem[] }>(`/campaigns/${encodeURIComponent(slug)}/similar`, {
    query: { text },
    signal,
  }).then((r) => r.items);

/** The submission's near-duplicate group, with originals (reviewer, editor, admin). */
export const duplicates = (id: string, signal?: AbortSignal) =>
  request<DuplicateGroup>(`/submissions/${encodeURIComponent(id)}/duplicates`, { signal });

/** Takes a submission out of its group (reviewer, admin); it will not rejoin it. */
export const splitDuplicate = (id: string) =>
  request<{ sameText: number }>(`/submissions/${encodeURIComponent(id)}/split-duplicate`, {
    method: 'POST',
  });
