import type { Queryable } from './engine/db.ts';

export class NotificationsStore {
  constructor(private readonly q: Queryable) {}
}
