import type { Queryable } from './engine/db.ts';

export class TimelineStore {
  constructor(private readonly q: Queryable) {}
}
