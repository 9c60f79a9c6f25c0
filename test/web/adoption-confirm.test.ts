import { describe, expect, it } from 'vitest';
import { desktop, newVisitor, phone, signIn, useDemoPlatform } from './browser.ts';

const probe = '<script>alert("xss")</script>';

const platform = useDemoPlatform();

describe('from a candidate to the adopted page', () => {
  it('an editor confirms a candidate; the public page shows suggestion and clause side by side, searchable', async () => {
    const editor = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(editor.page, 'editor@demo.huiyin.cn', 'huiyin-demo-2026');
    await editor.page.goto('/console/adoption');
    await editor.page.getByTestId('tracing-doc').first().click();

    // Matching runs as a background job after start-up: wait for its candidates.
    await expect
      .poll(
        async () => {
          await editor.page.reload();
          await editor.page.getByTestId('clause-search').waitFor();
          return editor.page.getByTestId('candidate').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);

    const candidate = editor.page.getByTestId('candidate').first();
    const title = (await candidate.getByTestId('candidate-target').textContent())!.trim();
    // The quote field starts as the whole clause.
    const clause = (await candidate.getByTestId('candidate-span').inputValue()).trim();
    // Quote only the first sentence part of the clause: evidence is the exact words.
    const quote = clause.split(/[，。；]/)[0]!;
    await candidate.getByTestId('candidate-status').selectOption('implemented');
    await candidate.getByTestId('candidate-span').fill(quote);
    await candidate.getByTestId('candidate-confirm').click();
    await expect
      .poll(() => editor.page.getByTestId('tracing-message').textContent())
      .toMatch(/已确认，已通知 \d+ 位建议人/);

    // The editor also publishes a story (its title carries the probe, which must stay text).
    await editor.page.goto('/console/adoption');
    const form = editor.page.getByTestId('story-form');
    await form.locator('select[name=campaign]').selectOption({ index: 0 });
    await form.locator('input[name=title]').fill(`建议落地记${probe}`);
    await form
      .locator('textarea[name=body]')
      .fill('网民的建议写进了政府工作报告，这里记下它的来龙去脉。');
    await form.getByRole('button', { name: '发布', exact: true }).click();
    await expect
      .poll(() => editor.page.getByTestId('story-list').textContent())
      .toContain('建议落地记');

    // A visitor on a phone sees suggestion and clause side by side, and searches instantly.
    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto('/adopted');
    const card = visitor.page.getByTestId('adoption-card').filter({ hasText: title });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('adoption-suggestion').textContent()).toContain(title);
    expect(await card.getByTestId('adoption-clause').textContent()).toContain('2024年政府工作报告');
    expect(await card.getByTestId('adoption-status').textContent()).toContain('已落实');
    expect(await card.locator('mark').first().textContent()).toBe(quote);
    expect(await visitor.page.getByTestId('story-card').first().textContent()).toContain(
      `建议落地记${probe}`,
    );

    const search = visitor.page.getByTestId('adopted-search');
    await search.fill(title.slice(0, 4));
    await expect.poll(() => card.count()).toBe(1);
    await search.fill('完全无关的词语组合');
    await expect
      .poll(() => visitor.page.getByTestId('adopted-count').textContent())
      .toContain('共 0 条');
    await search.fill('');
    await visitor.page.getByTestId('adopted-status').selectOption('implemented');
    await expect.poll(() => visitor.page.getByTestId('adoption-card').count()).toBe(1);

    expect(editor.dialogs).toEqual([]);
    expect(visitor.dialogs).toEqual([]);
  }, 120_000); // waits for background jobs (matching, clustering) after a cold start
});
