import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../server/auth/totp.ts';
import { desktop, newVisitor, phone, register, signIn, useDemoPlatform } from './browser.ts';

const password = 'huiyin-demo-2026';

/** With HUIYIN_SCREENSHOTS=dir, pages are saved there for a person to look at. */
const shotsDir = process.env.HUIYIN_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

const platform = useDemoPlatform({ HUIYIN_REPORT_HIDE_THRESHOLD: '3' });

describe('trust in the browser', () => {
  it('lets staff turn on two-step verification, sign out, and sign in again with a code', async () => {
    for (const [viewport, label] of [
      [desktop, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const login = label === 'desktop' ? 'editor@demo.huiyin.cn' : 'owner@demo.huiyin.cn';
      const { page, dialogs, context } = await newVisitor(
        platform.browser,
        platform.server.url,
        viewport,
      );
      await signIn(page, login, password);
      await page.goto('/me');
      await page.getByTestId('to-security').click();
      await page.getByTestId('tfa-start').click();
      await page.getByTestId('tfa-qr').waitFor();
      // The QR code is a real image the browser decoded, not a broken one.
      expect(
        await page.getByTestId('tfa-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth),
      ).toBeGreaterThan(50);
      await shot(page, `security-enrol-${label}`);
      const secret = (await page.getByTestId('tfa-secret').textContent())!.trim();
      await page.getByTestId('tfa-code').fill(totpCode(secret, Date.now()));
      await page.getByTestId('tfa-confirm').click();
      await expect
        .poll(() => page.getByTestId('tfa-recovery-codes').locator('li').count())
        .toBe(10);
      await shot(page, `security-recovery-${label}`);
      await page.getByTestId('tfa-recovery-done').click();
      await expect.poll(() => page.getByTestId('tfa-state').textContent()).toContain('已开启');

      await page.getByTestId('logout').click();
      await page.goto('/login');
      await page.getByTestId('login-login').fill(login);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-send').click();
      await page.getByTestId('tfa-step-code').waitFor();
      // Not signed in yet: the password alone opened nothing.
      expect(await page.getByTestId('header-user').count()).toBe(0);
      await shot(page, `login-second-step-${label}`);
      await page.getByTestId('tfa-step-code').fill('000000');
      await page.getByTestId('tfa-step-send').click();
      await expect.poll(() => page.getByTestId('tfa-step-error').textContent()).toContain('验证码');
      // The code of the next 30-second step: the one used to enrol cannot be replayed.
      await page.getByTestId('tfa-step-code').fill(totpCode(secret, Date.now() + 30_000));
      await page.getByTestId('tfa-step-send').click();
      await page.getByTestId('header-user').waitFor();
      expect(dialogs).toEqual([]);
      await context.close();
    }
  });

  it('lets netizens report a submission; after the third report it is withheld, and a reviewer hides it', async () => {
    const anon = await newVisitor(platform.browser, platform.server.url, desktop);
    await anon.page.goto('/c/leadership-board');
    await anon.page.getByTestId('submission-link').first().click();
    await anon.page.getByTestId('submission-title').waitFor();
    const url = anon.page.url();
    const title = (await anon.page.getByTestId('submission-title').textContent())!.trim();
    expect(title).not.toBe('');

    // Three new netizens (none of them wrote it) each report it once.
    for (const [i, login] of ['13711110001', '13711110002', '13711110003'].entries()) {
      const { page, context } = await newVisitor(
        platform.browser,
        platform.server.url,
        i === 0 ? phone : desktop,
      );
      await register(page, `举报人${i}`, login, 'report-pass-2026');
      await page.goto(url);
      // The submission's own panel (its answers have one each too).
      const panel = page.getByTestId('submission');
      await panel.getByTestId('report-button').click();
      await panel.getByTestId('report-reason').selectOption('abuse');
      await panel.getByTestId('report-note').fill(`<b>骂人</b>${i}`);
      if (i === 0) await shot(page, 'report-form-phone');
      await panel.getByTestId('report-send').click();
      await panel.getByTestId('report-sent').waitFor();
      await context.close();
    }
    // Withheld from the public, pending review.
    await anon.page.reload();
    await anon.page.getByTestId('hold-notice').waitFor();
    expect((await anon.page.getByTestId('submission-title').textContent())!.trim()).toBe('');
    expect(await anon.page.getByTestId('hold-notice').textContent()).toContain('等待审核');

    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', password);
    await reviewer.page.goto('/console/reports');
    const item = reviewer.page.getByTestId('report-item').filter({ hasText: title });
    await expect.poll(() => item.getByTestId('report-count').textContent()).toContain('3');
    // Reporters' notes are shown as text.
    expect(await item.textContent()).toContain('<b>骂人</b>0');
    await shot(reviewer.page, 'reports-queue-desktop');
    await item.getByTestId('report-hide').click();
    await expect.poll(() => item.count()).toBe(0);

    await anon.page.reload();
    await expect.poll(() => anon.page.getByTestId('hold-notice').textContent()).toContain('已隐藏');
    // …and on the timeline.
    await expect.poll(() => anon.page.getByText('经审核隐藏', { exact: true }).count()).toBe(1);
    expect(anon.dialogs).toEqual([]);
  });
});
