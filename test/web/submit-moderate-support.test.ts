import { describe, expect, it } from 'vitest';
import { desktop, newVisitor, phone, register, signIn, useDemoPlatform } from './browser.ts';

const probe = '<script>alert("xss")</script>';

const platform = useDemoPlatform();

describe('a suggestion from a netizen to the public page', () => {
  it('is submitted, published by a reviewer, found and supported by another netizen; the probe stays text', async () => {
    const title = `小区路灯不亮${probe}`;

    // A netizen registers on a phone and sends a message to the leadership board.
    const author = await newVisitor(platform.browser, platform.server.url, phone);
    await register(author.page, '路灯网友', '13700000001', 'lamp-pass-2026');
    await author.page.goto('/c/leadership-board');
    await author.page.getByTestId('campaign-submit').click();
    await author.page.getByTestId('submit-title').fill(title);
    await author.page
      .getByTestId('submit-body')
      .fill('魏都区某小区的路灯坏了一个多月，晚上老人孩子出行很不安全，请尽快维修。');
    await author.page.getByTestId('region-city').selectOption('4110');
    await author.page.getByTestId('region-county').selectOption('411002');
    await author.page.getByTestId('submit-topic').selectOption('urban-construction');
    await author.page.getByTestId('submit-custom-request-type').selectOption('help');
    await author.page.getByTestId('submit-send').click();
    const ref = (await author.page.getByTestId('submit-ref').textContent())?.trim() ?? '';
    expect(ref).toMatch(/^LB-\d{4}-\d{6}$/);

    await author.page.goto('/me');
    await expect
      .poll(() => author.page.getByTestId('me-item').first().textContent())
      .toContain(ref);

    // A reviewer publishes it from the moderation queue.
    const reviewer = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(reviewer.page, 'reviewer@demo.huiyin.cn', 'huiyin-demo-2026');
    await reviewer.page.goto('/console');
    const item = reviewer.page.getByTestId('moderation-item').filter({ hasText: title });
    await item.getByTestId('moderation-publish').click();
    await expect.poll(() => item.count()).toBe(0);

    // Another netizen finds it on the campaign page and supports it.
    const fan = await newVisitor(platform.browser, platform.server.url, desktop);
    await register(fan.page, '热心网友', 'fan@example.com', 'fan-pass-2026');
    await fan.page.goto('/c/leadership-board');
    await fan.page.getByTestId('sort-newest').click();
    const listed = fan.page.getByTestId('submission-item').filter({ hasText: title });
    await listed.getByTestId('submission-link').click();
    await expect
      .poll(() => fan.page.getByTestId('submission-title').textContent())
      .toContain(probe);
    await fan.page.getByTestId('support-button').click();
    await expect
      .poll(async () => (await fan.page.getByTestId('support-count').textContent())?.trim())
      .toBe('1');
    // Supporting again is not offered.
    expect(await fan.page.getByTestId('support-button').isDisabled()).toBe(true);

    // The probe was shown as text everywhere and never ran.
    const scripts = await fan.page
      .getByTestId('submission-title')
      .evaluate((el) => el.querySelectorAll('script').length);
    expect(scripts).toBe(0);
    expect([...author.dialogs, ...reviewer.dialogs, ...fan.dialogs]).toEqual([]);
    await Promise.all([author.context.close(), reviewer.context.close(), fan.context.close()]);
  });

  it('shows every navigation link within a phone screen, signed out and as staff', async () => {
    const v = await newVisitor(platform.browser, platform.server.url, phone);
    const linksFit = async (ids: string[]) => {
      await v.page.goto('/c/leadership-board');
      const list = v.page.locator('hy-header nav ul');
      // Nothing hidden behind a sideways scroll of the link list.
      expect(await list.evaluate((ul) => ul.scrollWidth - ul.clientWidth)).toBeLessThanOrEqual(0);
      const listBox = (await list.boundingBox())!;
      for (const id of ids) {
        const box = (await v.page.getByTestId(id).boundingBox())!;
        const end = id === 'logout' ? phone.width : listBox.x + listBox.width;
        expect(box.x + box.width, `${id} ends inside what is shown`).toBeLessThanOrEqual(end);
      }
    };
    await linksFit([
      'nav-home',
      'nav-search',
      'nav-boards',
      'nav-adopted',
      'nav-login',
      'nav-register',
    ]);
    await signIn(v.page, 'editor@demo.huiyin.cn', 'huiyin-demo-2026');
    await linksFit([
      'nav-home',
      'nav-search',
      'nav-boards',
      'nav-adopted',
      'nav-me',
      'nav-console',
      'logout',
    ]);
    await v.context.close();
  });

  it('refuses a form with mistakes in Chinese, field by field, and sends nothing', async () => {
    const v = await newVisitor(platform.browser, platform.server.url, phone);
    await signIn(v.page, '13800000003', 'huiyin-demo-2026');
    await v.page.goto('/c/leadership-board/submit');
    await v.page.getByTestId('submit-title').fill('短');
    await v.page.getByTestId('submit-send').click();
    await expect
      .poll(() => v.page.getByTestId('error-title').textContent())
      .toMatch(/[\u4e00-\u9fa5]/);
    expect(await v.page.getByTestId('submit-success').count()).toBe(0);
    await v.context.close();
  });
});
