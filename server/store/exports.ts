import type { Db } from './engine/db.ts';

/** Large reads streamed with flat memory (open-data exports): on the database, never in a write. */
export class ExportsStore {
  constructor(private readonly db: Db) {}
}
