import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import {
  readCampaignFiles,
  syncCampaignFiles,
} from '../../server/campaigns/sync-campaign-files.ts';
import { testConfig, type Config } from '../../server/config.ts';
import { openStore } from '../../server/store/open-store.ts';
import { createTestDatabase } from './test-database.ts';

/** 2026-11-21 10:00 in China: every seeded campaign is collecting on that day. */
export const defaultNow = Date.parse('2026-11-21T10:00:00+08:00');

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * A fresh app on a real, migrated database (a copy of the run's template: a SQLite file in a
 * temp folder, or a PostgreSQL database when HUIYIN_TEST_DATABASE_URL is set), with the real
 * campaign files synced and a clock the test can move.
 */
export async function createTestApp(
  options: { now?: number; config?: Partial<Record<keyof Config, string>> } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-test-'));
  const database = await createTestDatabase(dir);
  const clock = { current: options.now ?? defaultNow, now: () => clock.current };
  const config = testConfig({
    ...database.config,
    HUIYIN_REQUEST_LOG: '0',
    ...options.config,
  });
  const store = await openStore(config);
  await syncCampaignFiles(store, readCampaignFiles('campaigns'), clock.now());
  const { app, services } = await createApp({ store, clock, config });

  // Writes a factory started without awaiting (makeUser): every request and test query waits
  // for them first, so a test reads as if they had been synchronous.
  const pending = new Set<Promise<unknown>>();
  const defer = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
  };
  const settle = async () => {
    while (pending.size > 0) await Promise.all([...pending]);
  };

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; cookie?: string; headers?: Record<string, string>; raw?: string } = {},
  ) {
    await settle();
    const headers: Record<string, string> = { ...init.headers };
    if (init.cookie) headers.cookie = init.cookie;
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    // What a write owes to sensemaking (near-duplicates, search, clusters) follows it within
    // moments; tests see the state after that moment, as a person reloading a page would.
    if (method !== 'GET') await services.sensemaking.settled();
    // Pages (the printable report) answer HTML: json is then null and `text` has the body.
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    const json = text && isJson ? (JSON.parse(text) as Record<string, any>) : null; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, text, json: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  return {
    app,
    services,
    store: services.store,
    clock,
    dir,
    config,
    request,
    defer,
    settle,
    async close() {
      await settle().catch(() => undefined);
      await services.sensemaking.stop();
      await services.store.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
