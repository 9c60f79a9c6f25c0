import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { acceptSecondFactor } from './two-factor.ts';

/** How long the second step may take, and how many codes one pending login may try. */
export const pendingLoginMs = 5 * 60_000;
export const maxCodeAttempts = 5;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/** Password accepted, code due: a token that opens nothing but the second step. */
export async function createPendingLogin(
  s: Services,
  userId: string,
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const now = s.clock.now();
  const expiresAt = now + pendingLoginMs;
  await s.store.write((tx) =>
    tx.accounts.replacePendingLogin(sha256(token), userId, expiresAt, now),
  );
  return { token, expiresAt };
}

type Outcome =
  | { ok: true; userId: string }
  | { ok: false; expired: true }
  | { ok: false; expired: false; attemptsLeft: number };

/**
 * Checks the code for a pending login. A wrong code counts an attempt; after five the token is
 * gone and the password must be typed again. Returns the user id when the code is right.
 */
export async function completePendingLogin(
  s: Services,
  token: string,
  code: string,
): Promise<string> {
  const now = s.clock.now();
  const hash = sha256(token);
  // The outcome is committed first (an attempt counted, a token used up), then answered: a
  // refusal thrown inside the write would roll the counting back.
  const outcome = await s.store.write(async (tx): Promise<Outcome> => {
    const pending = await tx.accounts.pendingLogin(hash);
    if (!pending || pending.expiresAt <= now || pending.attempts >= maxCodeAttempts) {
      if (pending) await tx.accounts.deletePendingLogin(hash);
      return { ok: false, expired: true };
    }
    if (!(await acceptSecondFactor(tx, pending.userId, code, now))) {
      await tx.accounts.countPendingAttempt(hash);
      return { ok: false, expired: false, attemptsLeft: maxCodeAttempts - pending.attempts - 1 };
    }
    await tx.accounts.deletePendingLogin(hash);
    return { ok: true, userId: pending.userId };
  });
  if (outcome.ok) return outcome.userId;
  if (outcome.expired) {
    throw new ApiError('unauthenticated', 'This sign-in has expired; type your password again', {
      reason: 'pending_login_expired',
    });
  }
  throw new ApiError('invalid_code', 'The code is wrong or was already used', {
    attemptsLeft: outcome.attemptsLeft,
  });
}
