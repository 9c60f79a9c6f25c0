import type { Queryable } from './engine/db.ts';

export class JobsStore {
  constructor(private readonly q: Queryable) {}
}
