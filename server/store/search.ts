import type { Queryable } from './engine/db.ts';

export class SearchStore {
  constructor(private readonly q: Queryable) {}
}
