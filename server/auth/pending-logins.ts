import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { acceptSecondFactor } from './two-factor.ts';

/** How long the second step may take, and how many codes one pending login may try. */
export const pendingLoginMs = 5 * 60_000;
export const maxCodeAttempts = 5;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/** Password accepted, code due: a token that opens nothing but the second step. */
export function createPendingLogin(
  s: Services,
  userId: string,
): { token: string; expiresAt: number } {
  const token = randomBytes(32).toString('base64url');
  const now = s.clock.now();
  const expiresAt = now + pendingLoginMs;
  s.sqlite.transaction(() => {
    // Expired tokens of anyone and earlier pending logins of this user go: one at a time.
    s.sqlite
      .prepare('delete from pending_logins where expires_at <= ? or user_id = ?')
      .run(now, userId);
    s.sqlite
      .prepare(
        'insert into pending_logins (token_hash, user_id, expires_at, attempts) values (?, ?, ?, 0)',
      )
      .run(sha256(token), userId, expiresAt);
  })();
  return { token, expiresAt };
}

/**
 * Checks the code for a pending login. A wrong code counts an attempt; after five the token is
 * gone and the password must be typed again. Returns the user id when the code is right.
 */
export function completePendingLogin(s: Services, token: string, code: string): string {
  const now = s.clock.now();
  const hash = sha256(token);
  const pending = s.sqlite
    .prepare(
      'select user_id as userId, expires_at as expiresAt, attempts from pending_logins where token_hash = ?',
    )
    .get(hash) as { userId: string; expiresAt: number; attempts: number } | undefined;
  if (!pending || pending.expiresAt <= now || pending.attempts >= maxCodeAttempts) {
    if (pending) s.sqlite.prepare('delete from pending_logins where token_hash = ?').run(hash);
    throw new ApiError('unauthenticated', 'This sign-in has expired; type your password again', {
      reason: 'pending_login_expired',
    });
  }
  if (!acceptSecondFactor(s, pending.userId, code)) {
    s.sqlite
      .prepare('update pending_logins set attempts = attempts + 1 where token_hash = ?')
      .run(hash);
    throw new ApiError('invalid_code', 'The code is wrong or was already used', {
      attemptsLeft: maxCodeAttempts - pending.attempts - 1,
    });
  }
  s.sqlite.prepare('delete from pending_logins where token_hash = ?').run(hash);
  return pending.userId;
}
