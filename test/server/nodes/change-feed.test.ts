// What one node changes and others keep in memory (a session, the settings) is forgotten on every
// node at once, through PostgreSQL's NOTIFY. SQLite has one node: nothing to tell.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, roleUser, testPassword } from '../../support/factories.ts';
import { otherNode } from '../../support/other-node.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { testEngine } from '../../support/test-database.ts';

let t: TestApp;
let b: Awaited<ReturnType<typeof otherNode>>;
beforeEach(async () => {
  t = await createTestApp();
  b = await otherNode(t);
});
afterEach(async () => {
  await b.close();
  await t.close();
});

/** Asks until `done` holds or two seconds have passed (a notification takes milliseconds). */
async function eventually(ask: () => Promise<boolean>): Promise<boolean> {
  for (const until = Date.now() + 2_000; Date.now() < until;) {
    if (await ask()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return ask();
}

describe.skipIf(testEngine === 'sqlite')('two app nodes on one PostgreSQL', () => {
  it('signs a person out on every node at once, not after the other node forgets', async () => {
    const user = makeUser(t);
    await t.settle();
    const login = await t.request('POST', '/api/auth/login', {
      body: { login: user.login, password: testPassword },
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    // Node B has seen the session (and remembers its actor for half a minute).
    expect((await b.request('GET', '/api/auth/me', { cookie })).json.user.id).toBe(user.id);
    expect((await t.request('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect(
      await eventually(
        async () => (await b.request('GET', '/api/auth/me', { cookie })).json.user === null,
      ),
    ).toBe(true);
  });

  it('refuses staff without 2FA on the other node once an admin requires it on one', async () => {
    const admin = roleUser(t, 'admin');
    const before = await b.request('GET', '/api/admin/settings', { cookie: admin.cookie });
    expect([before.status, before.json.requireStaff2fa]).toEqual([200, false]);
    const put = await t.request('PUT', '/api/admin/settings', {
      cookie: admin.cookie,
      body: { requireStaff2fa: true },
    });
    expect(put.status).toBe(200);
    expect(
      await eventually(async () => {
        const res = await b.request('GET', '/api/admin/settings', { cookie: admin.cookie });
        return res.status === 403 && res.json.error.code === 'two_factor_required';
      }),
    ).toBe(true);
  });
});
