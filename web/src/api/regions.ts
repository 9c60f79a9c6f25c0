import { request } from './request.ts';
import type { Region } from './types.ts';

const cache = new Map<string, Promise<Region[]>>();

/** Children of a division ('' = provinces). Cached: the division tree does not change. */
export function listRegions(parent = ''): Promise<Region[]> {
  let hit = cache.get(parent);
  if (!hit) {
    hit = request<{ items: Region[] }>('/regions', { query: { parent } }).then((r) => r.items);
    hit.catch(() => cache.delete(parent));
    cache.set(parent, hit);
  }
  return hit;
}
