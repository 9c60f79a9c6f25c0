import type { Queryable } from './engine/db.ts';

export class ClustersStore {
  constructor(private readonly q: Queryable) {}
}
