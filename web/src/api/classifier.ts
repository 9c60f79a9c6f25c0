// The campaigns' routing classifier and the background jobs that train it (tag Sensemaking).
import { request } from './request.ts';
import type { ClassifierState, Job } from './types.ts';

export const getClassifier = (slug: string, signal?: AbortSignal) =>
  request<ClassifierState>(`/campaigns/${encodeURIComponent(slug)}/classifier`, { signal });

/** Queues a retraining; answers the job's id. */
export const trainClassifier = (slug: string) =>
  request<{ job: string }>(`/campaigns/${encodeURIComponent(slug)}/classifier/train`, {
    method: 'POST',
  }).then((r) => r.job);

export const getJob = (id: string, signal?: AbortSignal) =>
  request<{ job: Job }>(`/jobs/${encodeURIComponent(id)}`, { signal }).then((r) => r.job);
