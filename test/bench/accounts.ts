/** Netizen accounts for load tests, created through the public API like real people's. */

export const benchPassword = 'bench-pass-123';

/** 139 followed by 8 digits: a valid mainland mobile number for account `i`. */
export const benchPhone = (i: number) => `139${String(i).padStart(8, '0')}`;

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hy_session='));
  if (!cookie) throw new Error(`no hy_session cookie in the answer (${res.status})`);
  return cookie.split(';')[0]!;
}

/**
 * Registers `count` accounts (or reuses them when already registered) and signs each one in.
 * Returns one `hy_session=<token>` cookie per account. Password hashing (argon2) makes this
 * the slow part, so a few run at a time.
 */
export async function signInAccounts(
  baseUrl: string,
  count: number,
  parallel = 8,
): Promise<string[]> {
  const cookies: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const login = benchPhone(i);
      const reg = await post(`${baseUrl}/api/auth/register`, {
        login,
        password: benchPassword,
        displayName: `压测网民${i}`,
      });
      if (reg.status !== 201 && reg.status !== 409) {
        throw new Error(`register ${login}: ${reg.status} ${await reg.text()}`);
      }
      await reg.body?.cancel();
      // Sign in as a returning user would: this is the cookie the load uses.
      const res = await post(`${baseUrl}/api/auth/login`, { login, password: benchPassword });
      if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
      cookies[i] = sessionCookie(res);
      await res.body?.cancel();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return cookies;
}
