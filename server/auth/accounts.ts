import { z } from 'zod';
import { ApiError, validationError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import type { Role } from '../../schema/states.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const phonePattern = /^1[3-9]\d{9}$/;

export const loginField = z
  .string()
  .trim()
  .max(254)
  .refine((v) => phonePattern.test(v) || z.email().safeParse(v).success, {
    message: 'an 11-digit mobile number or an e-mail address',
  });

export const passwordField = z
  .string()
  .min(8, 'at least 8 characters')
  .max(128, 'at most 128 characters')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'use letters and digits' });

export const registerInput = z.strictObject({
  login: loginField,
  password: passwordField,
  displayName: z.string().trim().min(1, 'required').max(30, 'at most 30 characters'),
});

export const loginInput = z.strictObject({
  login: z.string().trim().max(254),
  password: z.string().max(128),
});

function loginColumns(login: string): { phone: string | null; email: string | null } {
  return phonePattern.test(login)
    ? { phone: login, email: null }
    : { phone: null, email: login.toLowerCase() };
}

/** Creates an account with the netizen role (and any extra grants, for seeding staff). */
export async function registerAccount(
  s: Services,
  raw: unknown,
  extraRoles: { role: Role; orgId?: string | null }[] = [],
): Promise<string> {
  const parsed = registerInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { login, password, displayName } = parsed.data;
  const { phone, email } = loginColumns(login);
  const passwordHash = await hashPassword(password);
  const now = s.clock.now();
  const id = newId('usr', now);
  s.sqlite.transaction(() => {
    const taken = s.sqlite
      .prepare('select 1 from users where phone = ? or email = ?')
      .get(phone, email);
    if (taken) {
      throw new ApiError('login_taken', 'An account with this login already exists', {
        fields: { login: 'already registered' },
      });
    }
    s.sqlite
      .prepare(
        'insert into users (id, phone, email, password_hash, display_name, created_at) values (?, ?, ?, ?, ?, ?)',
      )
      .run(id, phone, email, passwordHash, displayName, now);
    const grant = s.sqlite.prepare(
      'insert or ignore into user_roles (user_id, role, org_id) values (?, ?, ?)',
    );
    grant.run(id, 'netizen', '');
    for (const r of extraRoles) grant.run(id, r.role, r.orgId ?? '');
  })();
  return id;
}

// Verifying against a real hash when the login is unknown keeps the timing the same either way.
let decoyHash: Promise<string> | undefined;

/** Failed sign-ins an account may have in a quarter of an hour before it is locked for the rest of it. */
const maxFailures = 5;
const failureWindow = 15 * 60_000;

export async function checkCredentials(s: Services, raw: unknown): Promise<string> {
  const parsed = loginInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { phone, email } = loginColumns(parsed.data.login);
  const failures = `login-failures:${phone ?? email}`;
  const locked = 'Too many wrong passwords for this account; try again later';
  s.limiter.check(failures, maxFailures, failureWindow, locked);
  const user = s.sqlite
    .prepare('select id, password_hash as hash from users where phone = ? or email = ?')
    .get(phone, email) as { id: string; hash: string } | undefined;
  decoyHash ??= hashPassword('decoy-password-1');
  const ok = await verifyPassword(user?.hash ?? (await decoyHash), parsed.data.password);
  if (!user || !ok) {
    s.limiter.hit(failures, maxFailures + 1, failureWindow, locked);
    throw new ApiError('invalid_credentials', 'Wrong login or password');
  }
  s.limiter.reset(failures);
  return user.id;
}
