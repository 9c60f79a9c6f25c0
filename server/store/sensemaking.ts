import type { Queryable } from './engine/db.ts';

export class SensemakingStore {
  constructor(private readonly q: Queryable) {}
}
