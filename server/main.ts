// Entry point: `npm start` (production) and `npm run demo` (demo accounts and submissions).
import { serve } from '@hono/node-server';
import { CampaignFileError } from './campaigns/sync-campaign-files.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { prepareApp } from './start.ts';
import { MigrationError, PostgresUnreachable } from './store/errors.ts';
import { startBackgroundJobs } from './background-jobs.ts';

async function main() {
  const config = loadConfig();
  const { app, services, synced, remasked, seeded } = await prepareApp(config, systemClock);
  const log = (msg: Record<string, unknown>) =>
    console.log(JSON.stringify({ time: new Date().toISOString(), ...msg }));
  log({ msg: 'campaigns synced', ...synced, campaigns: services.campaigns.all().length });
  if (remasked) log({ msg: 'public text re-masked', ...remasked });
  if (seeded) log({ msg: 'demo data', ...seeded });

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log({
      msg: `Huiyin listening on http://localhost:${info.port}`,
      engine: services.store.engine,
      ...(services.store.engine === 'sqlite' ? { db: config.HUIYIN_DB } : {}),
    });
  });

  const jobs = startBackgroundJobs(services);

  // Graceful shutdown: stop accepting, let in-flight requests finish, commit queued writes, close.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ msg: 'shutting down', signal });
    services.state.ready = false;
    jobs.stop();
    server.close(() => {
      // The queue is durable: stopping only waits for the batch in hand, the rest waits on disk.
      void services.sensemaking
        .stop()
        .then(() => services.store.close())
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // Expected refusals are said in one line: a broken campaign file, an unreachable or
  // unmigratable database.
  if (
    error instanceof CampaignFileError ||
    error instanceof PostgresUnreachable ||
    error instanceof MigrationError
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
