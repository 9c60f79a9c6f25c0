import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { isStaff, type Actor } from './actor.ts';
import { newTotpSecret, totpStep, totpUri } from './totp.ts';

const recoveryCount = 10;
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/** Recovery codes: 10 random base32 characters shown as XXXXX-XXXXX (50 bits each). */
function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Recovery codes are compared without case, spaces or dashes, as people type them. */
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export type TwoFactorStatus = { enabled: boolean; recoveryCodesLeft: number };

export async function twoFactorStatus(s: Services, userId: string): Promise<TwoFactorStatus> {
  const enabled = await s.store.accounts.totpEnabled(userId);
  const left = enabled ? await s.store.accounts.recoveryCodesLeft(userId) : 0;
  return { enabled, recoveryCodesLeft: left };
}

export function hasTwoFactor(s: Services, userId: string): Promise<boolean> {
  return s.store.accounts.totpEnabled(userId);
}

function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) {
    throw new ApiError('forbidden', 'Two-step verification is for staff accounts');
  }
}

/** Starts (or restarts) enrolment: a new secret waits for its first code. */
export async function startEnrolment(s: Services, actor: Actor) {
  requireStaff(actor);
  if (hasTwoFactor(s, actor.id)) {
    throw new ApiError('invalid_transition', 'Two-step verification is already on');
  }
  const secret = newTotpSecret();
  s.sqlite
    .prepare(
      `insert into user_totp (user_id, secret, enabled_at, last_step, created_at) values (?, ?, null, 0, ?)
       on conflict (user_id) do update set secret = excluded.secret, last_step = 0, created_at = excluded.created_at`,
    )
    .run(actor.id, secret, s.clock.now());
  const uri = totpUri(secret, actor.email ?? actor.phone ?? actor.displayName);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    secret,
    otpauthUri: uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`,
  };
}

/**
 * Checks a TOTP code for the user and records its step, inside the caller's transaction: the
 * same code (or an older one) is refused afterwards, so an overheard code cannot be replayed.
 */
function acceptTotp(s: Services, userId: string, code: string, enabledOnly: boolean): boolean {
  const row = s.sqlite
    .prepare(
      'select secret, last_step as lastStep, enabled_at as enabledAt from user_totp where user_id = ?',
    )
    .get(userId) as { secret: string; lastStep: number; enabledAt: number | null } | undefined;
  if (!row || (enabledOnly && row.enabledAt === null)) return false;
  const step = totpStep(row.secret, code.trim(), s.clock.now());
  if (step === null || step <= row.lastStep) return false;
  s.sqlite.prepare('update user_totp set last_step = ? where user_id = ?').run(step, userId);
  return true;
}

function acceptRecovery(s: Services, userId: string, code: string): boolean {
  const normal = normaliseRecovery(code);
  if (normal.length !== 10) return false;
  return (
    s.sqlite
      .prepare(
        'update recovery_codes set used_at = ? where user_id = ? and code_hash = ? and used_at is null',
      )
      .run(s.clock.now(), userId, sha256(normal)).changes === 1
  );
}

/** A second factor: a fresh TOTP code or an unused recovery code. */
export function acceptSecondFactor(s: Services, userId: string, code: string): boolean {
  return s.sqlite.transaction(
    () => acceptTotp(s, userId, code, true) || acceptRecovery(s, userId, code),
  )();
}

/** Confirms enrolment with the first code; returns the recovery codes, shown this once. */
export function confirmEnrolment(s: Services, actor: Actor, code: string): string[] {
  requireStaff(actor);
  return s.sqlite.transaction(() => {
    if (hasTwoFactor(s, actor.id)) {
      throw new ApiError('invalid_transition', 'Two-step verification is already on');
    }
    if (!acceptTotp(s, actor.id, code, false)) {
      throw new ApiError('invalid_code', 'The code is wrong; type the one your app shows now');
    }
    const now = s.clock.now();
    s.sqlite.prepare('update user_totp set enabled_at = ? where user_id = ?').run(now, actor.id);
    s.sqlite.prepare('delete from recovery_codes where user_id = ?').run(actor.id);
    const insert = s.sqlite.prepare(
      'insert into recovery_codes (user_id, code_hash) values (?, ?)',
    );
    const codes = Array.from({ length: recoveryCount }, newRecoveryCode);
    for (const c of codes) insert.run(actor.id, sha256(normaliseRecovery(c)));
    return codes;
  })();
}

/** Turns 2FA off; needs a current code or a recovery code, not just the session. */
export function disableTwoFactor(s: Services, actor: Actor, code: string): void {
  if (!hasTwoFactor(s, actor.id)) {
    throw new ApiError('invalid_transition', 'Two-step verification is not on');
  }
  s.sqlite.transaction(() => {
    if (!acceptSecondFactor(s, actor.id, code)) {
      throw new ApiError('invalid_code', 'The code is wrong or was already used');
    }
    s.sqlite.prepare('delete from user_totp where user_id = ?').run(actor.id);
    s.sqlite.prepare('delete from recovery_codes where user_id = ?').run(actor.id);
  })();
}
