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
import type { Services } from '../../server/services.ts';
import { openDb } from '../../server/store/engine/open-db.ts';
import { Store } from '../../server/store/store.ts';
import { repoRoot } from './server-process.ts';

export async function openServices(
  dbFile: string,
  overrides: Parameters<typeof testConfig>[0] = {},
): Promise<{
  services: Services;
  app: Awaited<ReturnType<typeof createApp>>['app'];
  close(): Promise<void>;
}> {
  const config = testConfig({ HUIYIN_DB: dbFile, HUIYIN_REQUEST_LOG: '0', ...overrides });
  const db = await openDb(config);
  const clock = { now: () => Date.now() };
  await syncCampaignFiles(
    new Store(db),
    readCampaignFiles(join(repoRoot, 'campaigns')),
    clock.now(),
  );
  const { services, app } = await createApp({ db, clock, config });
  return { services, app, close: () => services.store.close() };
}
