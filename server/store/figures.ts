import type { Queryable } from './engine/db.ts';

export class FiguresStore {
  constructor(private readonly q: Queryable) {}
}
