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
  extraRoles: { role: Role; orgId?: string | null; addresseeId?: string | null }[] = [],
): Promise<string> {
  const parsed = registerInput.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  const { login, password, displayName } = parsed.data;
  const { phone, email } = loginColumns(login);
  const passwordHash = await hashPassword(password);
  const now = s.clock.now();
  const id = newId('usr', now);
  await s.store.write(async (tx) => {
    if (await tx.accounts.loginTaken(phone, email)) {
      throw new ApiError('login_taken', 'An account with this login already exists', {
        fields: { login: 'already registered' },
      });
    }
    await tx.accounts.insertUser({ id, phone, email, passwordHash, displayName, createdAt: now });
    await tx.accounts.grantRole(id, 'netizen', '');
    for (const r of extraRoles)
      await tx.accounts.grantRole(id, r.role, r.orgId ?? '', r.addresseeId ?? '');
  });
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
  await s.limiter.check(failures, maxFailures, locked);
  const user = await s.store.accounts.credentials(phone, email);
  decoyHash ??= hashPassword('decoy-password-1');
  const ok = await verifyPassword(user?.hash ?? (await decoyHash), parsed.data.password);
  if (!user || !ok) {
    await s.limiter.hit(failures, maxFailures + 1, failureWindow, locked);
    throw new ApiError('invalid_credentials', 'Wrong login or password');
  }
  await s.limiter.reset(failures);
  return user.id;
}
