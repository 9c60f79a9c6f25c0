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

/**
 * Whom a message is written to (省委书记, 市长, a ministry's 部长): from campaigns/organisations.yaml,
 * upserted by key at start-up. An entry removed from the file is kept as retired, since messages
 * and boards refer to it.
 */
export const addressees = sqliteTable(
  'addressees',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    holder: text('holder'),
    holderEn: text('holder_en'),
    /** The organisation whose leader this is: its subtree is the addressee's jurisdiction. */
    orgId: text('org_id').notNull(),
    /** The unit that handles its messages when no routing rule picks one within the jurisdiction. */
    unitId: text('unit_id').notNull(),
    /** The organisation's division code; null for a national office (a ministry). */
    regionCode: text('region_code'),
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('addressees_key_unique').on(t.key), index('addressees_org').on(t.orgId)],
);
