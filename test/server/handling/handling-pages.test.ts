import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, publishedSubmission, roleUser } from '../../support/factories.ts';
import { statementsOf } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('the unit inbox', () => {
  it('costs the same few statements for a page of 50 matters as for a page of 1', async () => {
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    for (let i = 0; i < 50; i++) await publishedSubmission(t, makeUser(t));
    // Only the page's own statements count, not the background queue's.
    await t.services.sensemaking.stop();
    const page = (size: number) =>
      statementsOf(t, async () => {
        const res = await t.request('GET', `/api/handling/inbox?pageSize=${size}`, {
          cookie: handler.cookie,
        });
        expect(res.json.items).toHaveLength(size);
        expect(res.json.total).toBe(50);
      });
    await page(1); // the handler's session is read once, then remembered
    const one = await page(1);
    const fifty = await page(50);
    expect(fifty).toBe(one);
    expect(fifty).toBeLessThanOrEqual(5);
  });
});
