import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../../server/auth/totp.ts';
import { makeUser, roleUser, testPassword, type TestUser } from '../../support/factories.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? '';

/** Enrols a user the way the account page does; returns the secret and recovery codes. */
async function enrol(user: TestUser) {
  const start = await t.request('POST', '/api/auth/2fa/enrol', { cookie: user.cookie });
  expect(start.status).toBe(200);
  const secret = start.json.secret as string;
  const confirm = await t.request('POST', '/api/auth/2fa/confirm', {
    cookie: user.cookie,
    body: { code: totpCode(secret, t.clock.now()) },
  });
  expect(confirm.status).toBe(200);
  t.clock.current += 30_000; // the next code belongs to a new step
  return { secret, recoveryCodes: confirm.json.recoveryCodes as string[] };
}

const password = (user: TestUser) =>
  t.request('POST', '/api/auth/login', { body: { login: user.login, password: testPassword } });

describe('two-step verification', () => {
  it('enrols staff with a secret, an otpauth URI and a QR code, and stores recovery codes hashed', async () => {
    const editor = roleUser(t, 'editor');
    const start = await t.request('POST', '/api/auth/2fa/enrol', { cookie: editor.cookie });
    expect(start.json.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    expect(start.json.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(start.json.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');

    const wrong = await t.request('POST', '/api/auth/2fa/confirm', {
      cookie: editor.cookie,
      body: { code: '000000' },
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, 'invalid_code']);
    const { recoveryCodes } = await (async () => {
      const r = await t.request('POST', '/api/auth/2fa/confirm', {
        cookie: editor.cookie,
        body: { code: totpCode(start.json.secret, t.clock.now()) },
      });
      return r.json;
    })();
    expect(recoveryCodes).toHaveLength(10);
    const stored = await query(t).column<string>(
      'select code_hash from recovery_codes where user_id = ?',
      editor.id,
    );
    expect(stored).toHaveLength(10);
    expect(stored.join()).not.toContain(recoveryCodes[0].replace('-', ''));
    const me = await t.request('GET', '/api/auth/me', { cookie: editor.cookie });
    expect(me.json.user.twoFactor).toEqual({ enabled: true, mustEnrol: false });
  });

  it('is for staff only', async () => {
    const netizen = makeUser(t);
    const res = await t.request('POST', '/api/auth/2fa/enrol', { cookie: netizen.cookie });
    expect([res.status, res.json.error.code]).toEqual([403, 'forbidden']);
    const anon = await t.request('POST', '/api/auth/2fa/enrol');
    expect(anon.status).toBe(401);
  });

  it('signs in with a pending-login token and a code; the token alone is no session', async () => {
    const reviewer = roleUser(t, 'reviewer');
    const { secret } = await enrol(reviewer);
    const first = await password(reviewer);
    expect(first.status).toBe(200);
    expect(first.json.user).toBeUndefined();
    expect(first.headers.get('set-cookie')).toBeNull();
    const token = first.json.twoFactor.token as string;
    // The pending token opens nothing.
    const asCookie = await t.request('GET', '/api/moderation/queue', {
      cookie: `hy_session=${token}`,
    });
    expect(asCookie.status).toBe(401);

    const code = totpCode(secret, t.clock.now());
    const second = await t.request('POST', '/api/auth/login/2fa', { body: { token, code } });
    expect(second.status).toBe(200);
    const cookie = cookieOf(second.headers);
    expect((await t.request('GET', '/api/moderation/queue', { cookie })).status).toBe(200);

    // The same code, within the same step, cannot be used again by someone who saw it.
    const again = await password(reviewer);
    const replay = await t.request('POST', '/api/auth/login/2fa', {
      body: { token: again.json.twoFactor.token, code },
    });
    expect([replay.status, replay.json.error.code]).toEqual([401, 'invalid_code']);
    // Nor can the used pending token.
    const reused = await t.request('POST', '/api/auth/login/2fa', { body: { token, code } });
    expect([reused.status, reused.json.error.code]).toEqual([401, 'unauthenticated']);
  });

  it('ends a pending login after five wrong codes, and after five minutes', async () => {
    const owner = roleUser(t, 'owner', 'huiyin');
    const { secret } = await enrol(owner);
    const { token } = (await password(owner)).json.twoFactor;
    for (let i = 0; i < 5; i++) {
      const r = await t.request('POST', '/api/auth/login/2fa', { body: { token, code: '123456' } });
      expect(r.json.error.code).toBe('invalid_code');
    }
    const right = totpCode(secret, t.clock.now());
    const after = await t.request('POST', '/api/auth/login/2fa', { body: { token, code: right } });
    expect([after.status, after.json.error.code]).toEqual([401, 'unauthenticated']);

    const late = (await password(owner)).json.twoFactor.token;
    t.clock.current += 5 * 60_000 + 1;
    const expired = await t.request('POST', '/api/auth/login/2fa', {
      body: { token: late, code: totpCode(secret, t.clock.now()) },
    });
    expect(expired.json.error.code).toBe('unauthenticated');
  });

  it('accepts each recovery code once, and turns off only with a code', async () => {
    const handler = roleUser(t, 'handler', 'henan-xuchang-housing');
    const { secret, recoveryCodes } = await enrol(handler);
    const login = async (code: string) =>
      t.request('POST', '/api/auth/login/2fa', {
        body: { token: (await password(handler)).json.twoFactor.token, code },
      });
    const recovery = recoveryCodes[0]!;
    expect((await login(recovery.toLowerCase())).status).toBe(200);
    expect((await login(recovery)).json.error.code).toBe('invalid_code');
    const status = await t.request('GET', '/api/auth/2fa', { cookie: handler.cookie });
    expect(status.json).toEqual({ enabled: true, recoveryCodesLeft: 9 });

    const noCode = await t.request('POST', '/api/auth/2fa/disable', {
      cookie: handler.cookie,
      body: { code: '111111' },
    });
    expect(noCode.json.error.code).toBe('invalid_code');
    const off = await t.request('POST', '/api/auth/2fa/disable', {
      cookie: handler.cookie,
      body: { code: totpCode(secret, t.clock.now()) },
    });
    expect(off.json).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect((await password(handler)).json.user).toBeDefined();
  });

  it('lets an admin require 2FA: staff without it may only enrol, netizens are unaffected', async () => {
    const admin = roleUser(t, 'admin');
    const reviewer = roleUser(t, 'reviewer');
    const netizen = makeUser(t);
    const byReviewer = await t.request('PUT', '/api/admin/settings', {
      cookie: reviewer.cookie,
      body: { requireStaff2fa: true },
    });
    expect(byReviewer.status).toBe(403);
    const set = await t.request('PUT', '/api/admin/settings', {
      cookie: admin.cookie,
      body: { requireStaff2fa: true },
    });
    expect(set.json).toMatchObject({ requireStaff2fa: true, staffWithout2fa: 2 });

    const blocked = await t.request('GET', '/api/moderation/queue', { cookie: reviewer.cookie });
    expect([blocked.status, blocked.json.error.code]).toEqual([403, 'two_factor_required']);
    const me = await t.request('GET', '/api/auth/me', { cookie: reviewer.cookie });
    expect(me.json.user.twoFactor).toEqual({ enabled: false, mustEnrol: true });
    expect((await t.request('GET', '/api/me/submissions', { cookie: netizen.cookie })).status).toBe(
      200,
    );
    await enrol(reviewer);
    expect(
      (await t.request('GET', '/api/moderation/queue', { cookie: reviewer.cookie })).status,
    ).toBe(200);
  });
});
