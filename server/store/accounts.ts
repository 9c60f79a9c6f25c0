import type { Queryable } from './engine/db.ts';

export class AccountsStore {
  constructor(private readonly q: Queryable) {}
}
