import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../bench/server-process.ts';
import { desktop, newVisitor, phone, signIn, useDemoPlatform } from './browser.ts';

const shots = `${repoRoot}bench-results/screenshots`;

const platform = useDemoPlatform();
beforeAll(() => {
  mkdirSync(shots, { recursive: true });
});

describe('the public data page', () => {
  for (const [name, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    it(`renders its charts and tables on a ${name}`, async () => {
      const { page, dialogs, context } = await newVisitor(
        platform.browser,
        platform.server.url,
        viewport,
      );
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto('/');
      await page.getByTestId('footer-data').waitFor();
      const beforeData = scripts.length;
      await page.goto('/c/leadership-board/data');
      await page.getByTestId('figures-snapshot').waitFor();
      for (const chart of ['chart-series', 'chart-topics', 'chart-units', 'chart-regions'])
        await page.getByTestId(chart).locator('canvas').first().waitFor();
      expect(await page.getByTestId('figure-published').textContent()).toMatch(/\d/);
      expect(await page.getByTestId('region-table').locator('tbody tr').count()).toBeGreaterThan(0);
      // No horizontal scroll on a phone.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await page.screenshot({ path: `${shots}/data-${name}.png`, fullPage: true });
      // Drill from the province to its cities.
      await page.getByTestId('region-drill').first().click();
      await page.getByTestId('region-up').waitFor();
      expect(page.url()).toMatch(/region=\d{2}/);
      await page.getByTestId('granularity-day').click();
      await expect.poll(() => page.url()).toMatch(/granularity=day/);
      expect(dialogs).toEqual([]);
      // ECharts came with the data page, not with the home page.
      expect(scripts.slice(0, beforeData).some((u) => /echarts/.test(u))).toBe(false);
      await context.close();
    });
  }

  for (const [name, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    it(`narrows the figures to a range of months from the pickers, kept in the address (${name})`, async () => {
      const { page, dialogs, context } = await newVisitor(
        platform.browser,
        platform.server.url,
        viewport,
      );
      await page.goto('/c/leadership-board/data');
      const received = page.getByTestId('figure-received').locator('.value');
      await received.waitFor();
      const allTime = (await received.textContent())!.trim();
      expect(Number(allTime.replace(/\D/g, ''))).toBeGreaterThan(0);
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      // This month only: the demo's submissions were received over several months.
      await page.getByTestId('range-from').fill(month);
      await expect.poll(() => page.url()).toMatch(new RegExp(`from=${month}`));
      await page.getByTestId('range-to').fill(month);
      await expect.poll(() => page.url()).toMatch(new RegExp(`from=${month}&to=${month}`));
      await expect.poll(async () => (await received.textContent())!.trim()).not.toBe(allTime);
      const thisMonth = (await received.textContent())!.trim();
      // The downloads follow the range.
      expect(await page.getByTestId('export-submissions-csv').getAttribute('href')).toContain(
        `from=${month}-01&to=${month}-`,
      );
      // A month with nothing in it: the figure says so.
      await page.getByTestId('range-from').fill('2020-01');
      await page.getByTestId('range-to').fill('2020-01');
      await expect.poll(() => page.url()).toMatch(/from=2020-01&to=2020-01/);
      await expect.poll(async () => (await received.textContent())!.trim()).toBe('0');
      // The address keeps the range: a reload shows the same pickers and figure.
      await page.reload();
      await expect.poll(async () => (await received.textContent())!.trim()).toBe('0');
      expect(await page.getByTestId('range-from').inputValue()).toBe('2020-01');
      expect(await page.getByTestId('range-to').inputValue()).toBe('2020-01');
      // Back to a real range for the picture, then to all time.
      await page.getByTestId('range-from').fill(month);
      await page.getByTestId('range-to').fill(month);
      await expect.poll(async () => (await received.textContent())!.trim()).toBe(thisMonth);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await page.screenshot({ path: `${shots}/data-range-${name}.png`, fullPage: false });
      await page.getByTestId('range-all').click();
      await expect.poll(() => page.url()).not.toMatch(/from=/);
      await expect.poll(async () => (await received.textContent())!.trim()).toBe(allTime);
      expect(dialogs).toEqual([]);
      await context.close();
    });
  }

  it("shows the owner's dashboard with the unit league table", async () => {
    const { page, context } = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(page, 'owner@demo.huiyin.cn', 'huiyin-demo-2026');
    await page.goto('/console/dashboard');
    await page.getByTestId('unit-league').waitFor();
    await page.getByTestId('chart-series').locator('canvas').first().waitFor();
    await page.screenshot({ path: `${shots}/dashboard-desktop.png`, fullPage: true });
    await context.close();
  });
});
