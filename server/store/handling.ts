import type { Queryable } from './engine/db.ts';

export class HandlingStore {
  constructor(private readonly q: Queryable) {}
}
