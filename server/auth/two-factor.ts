import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
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

const alreadyOn = () => new ApiError('invalid_transition', 'Two-step verification is already on');

/** Starts (or restarts) enrolment: a new secret waits for its first code. */
export async function startEnrolment(s: Services, actor: Actor) {
  requireStaff(actor);
  const secret = newTotpSecret();
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    if (await tx.accounts.totpEnabled(actor.id)) throw alreadyOn();
    await tx.accounts.startTotp(actor.id, secret, now);
  });
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
async function acceptTotp(
  tx: Tx,
  userId: string,
  code: string,
  now: number,
  enabledOnly: boolean,
): Promise<boolean> {
  const row = await tx.accounts.totpOf(userId);
  if (!row || (enabledOnly && row.enabledAt === null)) return false;
  const step = totpStep(row.secret, code.trim(), now);
  if (step === null || step <= row.lastStep) return false;
  await tx.accounts.setTotpStep(userId, step);
  return true;
}

async function acceptRecovery(tx: Tx, userId: string, code: string, now: number) {
  const normal = normaliseRecovery(code);
  if (normal.length !== 10) return false;
  return tx.accounts.useRecoveryCode(userId, sha256(normal), now);
}

/**
 * A second factor: a fresh TOTP code or an unused recovery code. Runs inside the caller's write
 * (the code is used up in it).
 */
export async function acceptSecondFactor(
  tx: Tx,
  userId: string,
  code: string,
  now: number,
): Promise<boolean> {
  return (
    (await acceptTotp(tx, userId, code, now, true)) || (await acceptRecovery(tx, userId, code, now))
  );
}

/** Confirms enrolment with the first code; returns the recovery codes, shown this once. */
export async function confirmEnrolment(s: Services, actor: Actor, code: string): Promise<string[]> {
  requireStaff(actor);
  const now = s.clock.now();
  const codes = Array.from({ length: recoveryCount }, newRecoveryCode);
  const hashes = codes.map((c) => sha256(normaliseRecovery(c)));
  await s.store.write(async (tx) => {
    if (await tx.accounts.totpEnabled(actor.id)) throw alreadyOn();
    if (!(await acceptTotp(tx, actor.id, code, now, false))) {
      throw new ApiError('invalid_code', 'The code is wrong; type the one your app shows now');
    }
    await tx.accounts.enableTotp(actor.id, hashes, now);
  });
  return codes;
}

/** Turns 2FA off; needs a current code or a recovery code, not just the session. */
export async function disableTwoFactor(s: Services, actor: Actor, code: string): Promise<void> {
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    if (!(await tx.accounts.totpEnabled(actor.id))) {
      throw new ApiError('invalid_transition', 'Two-step verification is not on');
    }
    if (!(await acceptSecondFactor(tx, actor.id, code, now))) {
      throw new ApiError('invalid_code', 'The code is wrong or was already used');
    }
    await tx.accounts.removeTwoFactor(actor.id);
  });
}
