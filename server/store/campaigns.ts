import type { Queryable } from './engine/db.ts';

export class CampaignsStore {
  constructor(private readonly q: Queryable) {}
}
