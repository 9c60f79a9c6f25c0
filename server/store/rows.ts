// Row types from the one schema source. A statement that reads a table's columns under their
// schema names (`campaign_id as "campaignId"`) returns `Pick<Rows['submissions'], …>`; flags the
// schema declares as booleans are stored, and read back, as 0/1 on both engines.
import type * as schema from '../../schema/index.ts';

type Stored<T> = { [K in keyof T]: T[K] extends boolean ? number : T[K] };
type Tables = {
  [
    K in keyof typeof schema as (typeof schema)[K] extends { $inferSelect: unknown } ? K : never
  ]: (typeof schema)[K];
};

/** A row of each table as the store reads it, keyed by the schema's export name. */
export type Rows = {
  [K in keyof Tables]: Tables[K] extends { $inferSelect: infer R } ? Stored<R> : never;
};
