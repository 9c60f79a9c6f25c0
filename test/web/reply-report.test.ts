import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, newVisitor, phone, register, signIn, useDemoPlatform } from './browser.ts';

/** With HUIYIN_SCREENSHOTS=dir, pages are saved there for a person to look at. */
const shotsDir = process.env.HUIYIN_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.getByTestId('answer').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

const platform = useDemoPlatform({ HUIYIN_REPORT_HIDE_THRESHOLD: '2' });

/** A demo submission answered by its unit (not by a collective reply). */
async function answeredByUnit(): Promise<{ id: string; replyBody: string }> {
  const list = (await (
    await fetch(`${platform.server.url}/api/campaigns/leadership-board/submissions?pageSize=100`)
  ).json()) as { items: { id: string; status: string }[] };
  for (const item of list.items.filter((i) => i.status === 'answered')) {
    const one = (await (
      await fetch(`${platform.server.url}/api/submissions/${item.id}`)
    ).json()) as {
      handling: { answers: { body: string; collectiveTitle: string | null }[] } | null;
    };
    const answer = one.handling?.answers.find((a) => a.collectiveTitle === null);
    if (answer) return { id: item.id, replyBody: answer.body };
  }
  throw new Error('no demo submission answered by a unit');
}

describe('reporting a reply in the browser', () => {
  it('lets netizens report a published reply; once held, readers see 内容待审核 instead of the text, a reviewer still reads it', async () => {
    const { id, replyBody } = await answeredByUnit();
    const url = `/s/${id}`;
    const snippet = replyBody.slice(0, 12);

    // Two new netizens, one on a phone and one on a desktop, each report the reply once.
    for (const [i, viewport] of [phone, desktop].entries()) {
      const label = i === 0 ? 'phone' : 'desktop';
      const { page, context, dialogs } = await newVisitor(
        platform.browser,
        platform.server.url,
        viewport,
      );
      await register(page, `答复举报人${i}`, `1371222000${i}`, 'report-pass-2026');
      await page.goto(url);
      const answer = page.getByTestId('answer').first();
      await answer.getByTestId('answer-body').waitFor();
      expect(await answer.getByTestId('answer-body').textContent()).toContain(snippet);
      await shot(page, `reply-report-button-${label}`);
      await answer.getByTestId('report-button').click();
      await answer.getByTestId('report-reason').selectOption('off-topic');
      await answer.getByTestId('report-note').fill(`<i>答非所问</i>${i}`);
      await answer.getByTestId('report-send').click();
      await answer.getByTestId('report-sent').waitFor();
      expect(dialogs).toEqual([]);
      await context.close();
    }

    // Held: the public sees a clear notice where the text was, on phone and desktop.
    for (const [viewport, label] of [
      [phone, 'phone'],
      [desktop, 'desktop'],
    ] as const) {
      const { page, context, dialogs } = await newVisitor(
        platform.browser,
        platform.server.url,
        viewport,
      );
      await page.goto(url);
      const answer = page.getByTestId('answer').first();
      await answer.getByTestId('answer-withheld').waitFor();
      expect(await answer.getByTestId('answer-withheld').textContent()).toContain('内容待审核');
      expect(await answer.getByTestId('answer-body').count()).toBe(0);
      expect(await answer.textContent()).not.toContain(snippet);
      // Not signed in: no report button, and the panel repeats no notice of its own.
      expect(await answer.getByTestId('report-button').count()).toBe(0);
      expect(await answer.getByTestId('hold-notice').count()).toBe(0);
      await shot(page, `reply-withheld-${label}`);
      expect(dialogs).toEqual([]);
      await context.close();
    }

    // A reviewer reads the original beside the notice, and can show it again.
    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', 'huiyin-demo-2026');
    await reviewer.page.goto(url);
    const answer = reviewer.page.getByTestId('answer').first();
    await answer.getByTestId('answer-withheld').waitFor();
    expect(await answer.getByTestId('answer-body').textContent()).toContain(snippet);
    // The reporters' notes reach the queue as text.
    await reviewer.page.goto('/console/reports');
    const item = reviewer.page.getByTestId('report-item').filter({ hasText: snippet });
    await expect.poll(() => item.textContent()).toContain('<i>答非所问</i>0');
    await reviewer.page.goto(url);
    await answer.getByTestId('hold-restore').click();
    await expect.poll(() => answer.getByTestId('answer-withheld').count()).toBe(0);
    expect(reviewer.dialogs).toEqual([]);
    await reviewer.context.close();
  });
});
