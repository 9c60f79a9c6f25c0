import { describe, expect, it } from 'vitest';
import { desktop, newVisitor, phone, signIn, useDemoPlatform } from './browser.ts';

const probe = '<script>alert("xss")</script>';

const platform = useDemoPlatform();

describe('topic clusters', () => {
  it('an editor names and locks a topic; the public sees it, filters topics and opens its members', async () => {
    const slug = 'fifteenth-five-year-plan';
    const editor = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(editor.page, 'editor@demo.huiyin.cn', 'huiyin-demo-2026');
    await editor.page.goto('/console/clusters');
    await editor.page.getByTestId('curate-campaign').selectOption(slug);
    // Demo clustering runs as a background job after start-up.
    await expect
      .poll(
        async () => {
          await editor.page.reload();
          await editor.page.getByTestId('curate-campaign').selectOption(slug);
          await editor.page.getByTestId('curate-run').waitFor();
          return editor.page.getByTestId('curate-cluster').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    const first = editor.page.getByTestId('curate-cluster').first();
    const id = await first.getAttribute('data-cluster');
    await first.getByTestId('curate-title').fill(`农田管护专项${probe}`);
    await first.getByTestId('curate-save').click();
    await expect.poll(() => editor.page.getByTestId('curate-message').count()).toBe(1);
    const named = editor.page.locator(`[data-cluster="${id}"]`);
    await named.getByTestId('curate-lock').click();
    await expect.poll(() => named.textContent()).toContain('已锁定');

    // A re-run keeps the editor's name and lock.
    await editor.page.getByTestId('curate-run').click();
    await expect
      .poll(() => editor.page.getByTestId('curate-message').textContent(), { timeout: 30_000 })
      .toContain('聚类完成');
    await expect.poll(() => named.textContent()).toContain(`农田管护专项${probe}`);

    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto(`/c/${slug}`);
    const topic = visitor.page.locator(`[data-cluster="${id}"]`);
    expect(await topic.getByTestId('topic-title').textContent()).toBe(`农田管护专项${probe}`);
    await visitor.page.getByTestId('topic-filter').fill('农田管护专项');
    await expect.poll(() => visitor.page.getByTestId('topic').count()).toBe(1);
    await visitor.page.getByTestId('topic-filter').fill('完全无关的话题');
    await expect.poll(() => visitor.page.getByTestId('topic').count()).toBe(0);
    await visitor.page.getByTestId('topic-filter').fill('');
    await topic.getByTestId('topic-toggle').click();
    await expect
      .poll(() => topic.getByTestId('topic-members').locator('li').count())
      .toBeGreaterThan(0);

    expect(editor.dialogs).toEqual([]);
    expect(visitor.dialogs).toEqual([]);
  }, 120_000); // waits for background jobs (matching, clustering) after a cold start
});
