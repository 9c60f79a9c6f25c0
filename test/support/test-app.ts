import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.ts';
import {
  readCampaignFiles,
  syncCampaignFiles,
} from '../../server/campaigns/sync-campaign-files.ts';
import { testConfig, type Config } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open-database.ts';

/** 2026-11-21 10:00 in China: every seeded campaign is collecting on that day. */
export const defaultNow = Date.parse('2026-11-21T10:00:00+08:00');

export type TestApp = ReturnType<typeof createTestApp>;

/**
 * A fresh app on a real, migrated SQLite file in a temp folder, with the real campaign files
 * synced and a clock the test can move.
 */
export function createTestApp(
  options: { now?: number; config?: Partial<Record<keyof Config, string>> } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-test-'));
  const clock = { current: options.now ?? defaultNow, now: () => clock.current };
  const config = testConfig({
    HUIYIN_DB: join(dir, 'test.db'),
    HUIYIN_REQUEST_LOG: '0',
    ...options.config,
  });
  const database = openDatabase(config.HUIYIN_DB);
  syncCampaignFiles(database.sqlite, readCampaignFiles('campaigns'), clock.now());
  const { app, services } = createApp({ database, clock, config });

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; cookie?: string; headers?: Record<string, string>; raw?: string } = {},
  ) {
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
    clock,
    dir,
    request,
    close() {
      void services.sensemaking.stop();
      database.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
