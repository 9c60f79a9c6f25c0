import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Data upgrades that need server code, not SQL, run once at start-up: which version of each is
 * done. `personal-data-masking` re-masks the stored public copies when the masking pass changes
 * (server/text/remask-public-text.ts).
 */
export const dataUpgrades = sqliteTable('data_upgrades', {
  key: text('key').primaryKey(),
  version: integer('version').notNull(),
  finishedAt: integer('finished_at').notNull(),
});
