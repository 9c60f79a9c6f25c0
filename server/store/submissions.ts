import type { Queryable } from './engine/db.ts';

export class SubmissionsStore {
  constructor(private readonly q: Queryable) {}
}
