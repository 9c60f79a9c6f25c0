// Topic clusters of a campaign (tag Clusters): the public list, a cluster's members, curation.
import { request } from './request.ts';
import type { Submission } from './types.ts';

export type ClusterSort = 'people' | 'hot' | 'supports';

export type Cluster = {
  id: string;
  title: string;
  phrases: string[];
  renamed: boolean;
  locked: boolean;
  people: number;
  voices: number;
  supports: number;
  lastWeek: number;
  representative: Submission | null;
};

const base = (slug: string) => `/campaigns/${encodeURIComponent(slug)}`;
const one = (id: string) => `/clusters/${encodeURIComponent(id)}`;

export const listClusters = (slug: string, sort: ClusterSort = 'people', signal?: AbortSignal) =>
  request<{ items: Cluster[] }>(`${base(slug)}/clusters`, { query: { sort }, signal }).then(
    (r) => r.items,
  );
export const getCluster = (id: string, page = 1, signal?: AbortSignal) =>
  request<{ cluster: Cluster; members: Submission[]; total: number }>(one(id), {
    query: { page },
    signal,
  });
export const runClusters = (slug: string) =>
  request<{ job: string }>(`${base(slug)}/clusters/run`, { method: 'POST' });
export const updateCluster = (
  id: string,
  body: { title?: string | null; locked?: boolean; representative?: string },
) => request<{ cluster: Cluster }>(one(id), { method: 'PATCH', body });
export const mergeClusters = (into: string, from: string[]) =>
  request<{ cluster: Cluster }>(`${one(into)}/merge`, { method: 'POST', body: { from } });
export const splitCluster = (id: string, members: string[], title?: string) =>
  request<{ cluster: Cluster }>(`${one(id)}/split`, {
    method: 'POST',
    body: title ? { members, title } : { members },
  });
