import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisationKinds, sqlIn } from './states.ts';

/** The handling-unit tree: ministry / province / city / county / department. */
export const organisations = sqliteTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    /** Stable human key used by campaign files and routing rules, e.g. `henan-xuchang`. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: organisationKinds }).notNull(),
    parentId: text('parent_id'),
    /** Administrative division code (GB/T 2260 prefix) the unit is responsible for, if any. */
    regionCode: text('region_code'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('organisations_code_unique').on(t.code),
    index('organisations_parent').on(t.parentId),
    check('organisations_kind', sql.raw(sqlIn('kind', organisationKinds))),
  ],
);
