import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../server/store/engine/db.ts';
import { openDb } from '../../server/store/engine/open-db.ts';
import { sql, type Param } from '../../server/store/engine/sql.ts';
import { startServer, type ServerProcess } from '../bench/server-process.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** Debian's Chromium (apt-get install chromium); CI installs it in .ci/run. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // The machine has no network: without these Chromium keeps trying to reach Google's hosts.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const phone = { width: 375, height: 812 };
export const desktop = { width: 1280, height: 800 };

/**
 * A fresh person at the platform: own cookies, a viewport, and a guard that fails the test if any
 * page ever opens a dialog (an executed `<script>alert()</script>` probe would).
 */
export async function newVisitor(
  browser: Browser,
  baseURL: string,
  viewport = desktop,
): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { context, page, dialogs };
}

export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-send').click();
  await page.getByTestId('header-user').waitFor();
}

/** Staff steps go through the API from a signed-in page (same origin, its session cookie). */
export async function api<T = unknown>(
  page: Page,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await page.evaluate(
    async ([method, path, body]) => {
      const r = await fetch(`/api${path}`, {
        method,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: r.status, text: await r.text() };
    },
    [method, path, body] as const,
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return (res.text ? JSON.parse(res.text) : undefined) as T;
}

export async function register(
  page: Page,
  name: string,
  login: string,
  password: string,
): Promise<void> {
  await page.goto('/register');
  await page.getByTestId('register-name').fill(name);
  await page.getByTestId('register-login').fill(login);
  await page.getByTestId('register-password').fill(password);
  await page.getByTestId('register-send').click();
  await page.getByTestId('header-user').waitFor();
}

/**
 * Waits until the demo's start-up work is done: the recorded jobs (clustering, which runs in a
 * worker while the server already answers, then policy-document matching), the sensemaking
 * queue and the first figures snapshot. Tests then see the demo as a visitor a minute after start-up would.
 */
async function settled(db: Db, timeoutMs = 120_000): Promise<void> {
  const busy = sql<{ n: number }>(
    `select (select count(*) from jobs where status in ('queued', 'running'))
       + (select count(*) from sensemaking_queue)
       + (select case when count(*) = 0 then 1 else 0 end from figure_snapshots) as n`,
  );
  const until = Date.now() + timeoutMs;
  while (((await db.value(busy)) ?? 0) > 0) {
    if (Date.now() > until) throw new Error('the demo platform was still busy after 2 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The platform a browser test runs against: the real server with the demo data (plus `env`) and
 * one Chromium, started before the file's tests and stopped after them, once its start-up jobs
 * are done.
 */
export type DemoPlatform = {
  readonly server: ServerProcess;
  readonly browser: Browser;
  /** Reads the platform's database (portable SQL, either engine), to check what a page did. */
  query<R = Record<string, unknown>>(text: string, ...params: Param[]): Promise<R[]>;
};

export function useDemoPlatform(env: Record<string, string> = {}): DemoPlatform {
  let dir: string;
  let database: TestDatabase;
  let db: Db;
  const platform = {
    query: <R>(text: string, ...params: Param[]) => db.all(sql<R>(text), ...params),
  } as DemoPlatform & { server: ServerProcess; browser: Browser };
  beforeAll(async () => {
    // On the engine of the run: a SQLite file, or a PostgreSQL database (HUIYIN_TEST_DATABASE_URL).
    dir = mkdtempSync(join(tmpdir(), 'huiyin-web-'));
    database = await createTestDatabase(dir);
    platform.server = await startServer({
      env: { HUIYIN_DEMO: '1', ...env },
      dbFile: database.config.HUIYIN_DB,
      ...(database.config.HUIYIN_DATABASE_URL
        ? { databaseUrl: database.config.HUIYIN_DATABASE_URL }
        : {}),
    });
    platform.browser = await launchBrowser();
    db = await openDb({ ...database.config, HUIYIN_DATABASE_POOL: 2 });
    await settled(db);
  }, 180_000);
  afterAll(async () => {
    await platform.browser?.close();
    await platform.server?.stop();
    await db?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return platform;
}
