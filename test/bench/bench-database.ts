/**
 * The server's services over a benchmark's database file, without an HTTP server: for writing
 * large data sets straight into the real schema (campaign files synced, migrations applied).
 */
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import {
  readCampaignFiles,
  syncCampaignFiles,
} from '../../server/campaigns/sync-campaign-files.ts';
import { testConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open-database.ts';
import type { Services } from '../../server/services.ts';
import { repoRoot } from './server-process.ts';

export function openServices(
  dbFile: string,
  overrides: Parameters<typeof testConfig>[0] = {},
): { services: Services; app: ReturnType<typeof createApp>['app']; close(): void } {
  const config = testConfig({ HUIYIN_DB: dbFile, HUIYIN_REQUEST_LOG: '0', ...overrides });
  const database = openDatabase(dbFile);
  const clock = { now: () => Date.now() };
  syncCampaignFiles(database.sqlite, readCampaignFiles(join(repoRoot, 'campaigns')), clock.now());
  const { services, app } = createApp({ database, clock, config });
  return { services, app, close: () => database.sqlite.close() };
}
