import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaignSources, sqlIn } from './states.ts';

/**
 * A campaign row mirrors a validated definition (from a file under campaigns/ or the owner's
 * console). The definition JSON is the source of truth; the columns are what queries filter on.
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    refPrefix: text('ref_prefix').notNull(),
    ownerOrgId: text('owner_org_id').notNull(),
    source: text('source', { enum: campaignSources }).notNull(),
    /** File name for file-sourced campaigns, so start-up errors and edits can name it. */
    sourceFile: text('source_file'),
    definition: text('definition').notNull(),
    /** SHA-256 of the canonical definition, to skip no-op syncs. */
    definitionHash: text('definition_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('campaigns_slug_unique').on(t.slug),
    uniqueIndex('campaigns_ref_prefix_unique').on(t.refPrefix),
    check('campaigns_source', sql.raw(sqlIn('source', campaignSources))),
  ],
);

/** Next reference number per prefix and year (LB-2026-000123); bumped inside the insert's transaction. */
export const refCounters = sqliteTable('ref_counters', {
  key: text('key').primaryKey(),
  last: integer('last').notNull(),
});
