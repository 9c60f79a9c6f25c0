import type { Queryable } from './engine/db.ts';

export class AdoptionStore {
  constructor(private readonly q: Queryable) {}
}
