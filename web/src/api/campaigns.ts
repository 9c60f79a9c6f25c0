import { request } from './request.ts';
import type { Campaign, CampaignDefinition, CampaignSummary, DefinitionSource } from './types.ts';

export const listCampaigns = (state: 'open' | 'all' = 'open', signal?: AbortSignal) =>
  request<{ items: CampaignSummary[] }>('/campaigns', { query: { state }, signal }).then(
    (r) => r.items,
  );

export const getCampaign = (slug: string, signal?: AbortSignal) =>
  request<{ campaign: Campaign }>(`/campaigns/${encodeURIComponent(slug)}`, { signal }).then(
    (r) => r.campaign,
  );

export const getDefinition = (slug: string, signal?: AbortSignal) =>
  request<DefinitionSource>(`/campaigns/${encodeURIComponent(slug)}/definition`, { signal });

export const createCampaign = (definition: CampaignDefinition) =>
  request<{ campaign: Campaign }>('/campaigns', { method: 'POST', body: { definition } }).then(
    (r) => r.campaign,
  );

export const updateCampaign = (slug: string, definition: CampaignDefinition) =>
  request<{ campaign: Campaign }>(`/campaigns/${encodeURIComponent(slug)}`, {
    method: 'PUT',
    body: { definition },
  }).then((r) => r.campaign);
