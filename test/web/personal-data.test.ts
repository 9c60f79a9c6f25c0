import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { evasionText, leaks } from '../server/text/personal-data-corpus.ts';
import { desktop, newVisitor, phone, signIn, useDemoPlatform } from './browser.ts';

const platform = useDemoPlatform();

/** Signs a demo netizen in through the API and sends a 十五五 suggestion full of personal data. */
async function suggestionWithPersonalData(): Promise<string> {
  const url = platform.server.url;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: '13800000007', password: 'huiyin-demo-2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${url}/api/campaigns/fifteenth-five-year-plan/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      title: '建议加强养老服务，请回电１３９１２３４５６７８',
      body: `建议在县城普遍建设社区养老服务中心，提高护理补贴。${evasionText}`,
      topic: 'domestic-demand',
      custom: { level: 'grassroots', measures: `具体举措请联系我。${evasionText}` },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { submission: { id: string } }).submission.id;
}

/** Everything the page shows, shadow roots included (Lit renders into them). */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walk = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
      const root = node instanceof Element ? node.shadowRoot : null;
      return (
        (root ? walk(root) : '') +
        Array.from(node.childNodes)
          .map((c) => walk(c))
          .join('')
      );
    };
    return walk(document.body);
  });
}

describe('personal data on the submission page', () => {
  it('shows visitors the masked title, text and custom fields with a notice; the author reads them as written', async () => {
    const id = await suggestionWithPersonalData();

    const visitor = await newVisitor(platform.browser, platform.server.url, phone);
    await visitor.page.goto(`/s/${id}`);
    const card = visitor.page.getByTestId('submission');
    await visitor.page.getByTestId('submission-masked').waitFor();
    const shown = await pageText(visitor.page);
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('具体举措请联系我');
    expect(cardText).toContain('139****5678');
    expect(leaks(cardText)).toEqual([]);
    expect(leaks(shown)).toEqual([]);
    expect(visitor.dialogs).toEqual([]);

    const author = await newVisitor(platform.browser, platform.server.url, desktop);
    await signIn(author.page, '13800000007', 'huiyin-demo-2026');
    await author.page.goto(`/s/${id}`);
    const own = author.page.getByTestId('submission');
    await expect.poll(async () => (await own.textContent()) ?? '').toContain('具体举措请联系我');
    expect(await own.textContent()).toContain('１３９１２３４５６７８');
    expect(await author.page.getByTestId('submission-masked').count()).toBe(0);
  });
});
