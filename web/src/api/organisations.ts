import { request } from './request.ts';
import type { Organisation } from './types.ts';

let cache: Promise<Organisation[]> | undefined;

/** The organisation tree, flat, parents before children. Cached for the page's lifetime. */
export function listOrganisations(): Promise<Organisation[]> {
  if (!cache) {
    cache = request<{ items: Organisation[] }>('/organisations').then((r) => r.items);
    cache.catch(() => (cache = undefined));
  }
  return cache;
}
