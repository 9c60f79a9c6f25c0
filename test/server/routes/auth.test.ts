import { query } from '../../support/sql.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? '';

describe('accounts', () => {
  it('registers with a phone number, signs in with an HttpOnly SameSite cookie, and signs out for real', async () => {
    const reg = await t.request('POST', '/api/auth/register', {
      body: { login: '13911112222', password: 'secret-pass-1', displayName: '<b>小明</b>' },
    });
    expect(reg.status).toBe(201);
    expect(reg.json.user).toMatchObject({
      displayName: '<b>小明</b>',
      phone: '13911112222',
      roles: [{ role: 'netizen', org: null }],
    });
    const setCookie = reg.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/hy_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const login = await t.request('POST', '/api/auth/login', {
      body: { login: '13911112222', password: 'secret-pass-1' },
    });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login.headers);
    expect((await t.request('GET', '/api/auth/me', { cookie })).json.user.phone).toBe(
      '13911112222',
    );

    expect((await t.request('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    // The old cookie no longer works: the session was deleted on the server.
    expect((await t.request('GET', '/api/auth/me', { cookie })).json.user).toBeNull();
  });

  it('registers with an e-mail address, case-insensitively', async () => {
    await t.request('POST', '/api/auth/register', {
      body: { login: 'Li.Na@Example.com', password: 'secret-pass-1', displayName: '李娜' },
    });
    const login = await t.request('POST', '/api/auth/login', {
      body: { login: 'li.na@example.com', password: 'secret-pass-1' },
    });
    expect(login.status).toBe(200);
  });

  it('refuses a taken login, a weak password and a malformed login with field errors', async () => {
    const body = { login: '13911112222', password: 'secret-pass-1', displayName: '甲' };
    await t.request('POST', '/api/auth/register', { body });
    const taken = await t.request('POST', '/api/auth/register', { body });
    expect([taken.status, taken.json.error.code]).toEqual([409, 'login_taken']);
    const weak = await t.request('POST', '/api/auth/register', {
      body: { ...body, login: '13911113333', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.json.error.details.fields.password).toBeDefined();
    const letters = await t.request('POST', '/api/auth/register', {
      body: { ...body, login: '13911113333', password: 'onlyletters' },
    });
    expect(letters.json.error.details.fields.password).toBe('use letters and digits');
    const malformed = await t.request('POST', '/api/auth/register', {
      body: { ...body, login: '12345' },
    });
    expect(malformed.json.error.details.fields.login).toBeDefined();
    expect(await query(t).value('select count(*) from users')).toBe(1);
  });

  it('answers a wrong password and an unknown login the same way', async () => {
    await t.request('POST', '/api/auth/register', {
      body: { login: '13911112222', password: 'secret-pass-1', displayName: '甲' },
    });
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { login: '13911112222', password: 'secret-pass-2' },
    });
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { login: '13999999999', password: 'secret-pass-1' },
    });
    expect([wrong.status, wrong.json.error]).toEqual([
      401,
      {
        code: 'invalid_credentials',
        message: 'Wrong login or password',
        requestId: expect.any(String),
      },
    ]);
    expect([unknown.status, unknown.json.error.code]).toEqual([401, 'invalid_credentials']);
  });

  it('treats a forged or expired cookie as signed out', async () => {
    const me = await t.request('GET', '/api/auth/me', { cookie: 'hy_session=forged' });
    expect(me.json.user).toBeNull();
    const reg = await t.request('POST', '/api/auth/register', {
      body: { login: '13911112222', password: 'secret-pass-1', displayName: '甲' },
    });
    const cookie = cookieOf(reg.headers);
    t.clock.current += 31 * 86_400_000;
    expect((await t.request('GET', '/api/auth/me', { cookie })).json.user).toBeNull();
  });

  it('limits sign-in attempts per network with 429', async () => {
    await t.close();
    t = await createTestApp({ config: { HUIYIN_AUTH_PER_IP_PER_HOUR: '3' } });
    for (let i = 0; i < 3; i++)
      await t.request('POST', '/api/auth/login', { body: { login: '13911112222', password: 'x' } });
    const res = await t.request('POST', '/api/auth/login', {
      body: { login: '13911112222', password: 'x' },
    });
    expect([res.status, res.json.error.code]).toEqual([429, 'rate_limited']);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });
});

describe('lockout', () => {
  it('locks an account after five wrong passwords for fifteen minutes, even with the right one', async () => {
    await t.request('POST', '/api/auth/register', {
      body: { login: '13911115555', password: 'secret-pass-1', displayName: '甲' },
    });
    for (let i = 0; i < 5; i++) {
      const wrong = await t.request('POST', '/api/auth/login', {
        body: { login: '13911115555', password: `wrong-pass-${i}` },
      });
      expect(wrong.json.error.code).toBe('invalid_credentials');
    }
    const locked = await t.request('POST', '/api/auth/login', {
      body: { login: '13911115555', password: 'secret-pass-1' },
    });
    expect([locked.status, locked.json.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    t.clock.current += 16 * 60_000;
    expect(
      (
        await t.request('POST', '/api/auth/login', {
          body: { login: '13911115555', password: 'secret-pass-1' },
        })
      ).status,
    ).toBe(200);
  });
});
