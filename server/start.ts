import { createApp } from './app.ts';
import { readCampaignFiles, syncCampaignFiles } from './campaigns/sync-campaign-files.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openStore } from './store/open-store.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { remaskPublicText } from './search/remask-public-text.ts';

/**
 * Everything start-up does before listening: open and migrate the database, validate and sync
 * the campaign files (a broken file throws, naming file, field and problem), bring stored public
 * text up to the current masking pass (once per version of it), seed demo data.
 */
export async function prepareApp(config: Config, clock: Clock) {
  // Read and validate the files before touching the database, so a broken file changes nothing.
  const files = readCampaignFiles(config.HUIYIN_CAMPAIGNS_DIR);
  const store = await openStore(config);
  const synced = await syncCampaignFiles(store, files, clock.now());
  const { app, services } = await createApp({
    store,
    clock,
    config,
    webDist: config.HUIYIN_WEB_DIST,
  });
  // Before anyone is answered: a database from before a change to masking must not leak after it.
  const remasked = await remaskPublicText(services);
  const seeded = config.HUIYIN_DEMO ? await seedDemo(services) : null;
  return { app, services, synced, remasked, seeded };
}
