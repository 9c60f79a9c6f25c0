import type { Queryable } from './engine/db.ts';

export class TrustStore {
  constructor(private readonly q: Queryable) {}
}
