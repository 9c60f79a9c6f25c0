// Accounts: users, their role grants and their sessions.
import type { Role } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';
import type { Rows } from './rows.ts';

type User = Rows['users'];
export type SessionUser = Pick<User, 'id' | 'displayName' | 'phone' | 'email'> & {
  expiresAt: number;
};
export type RoleGrantRow = { role: Role; orgId: string; addresseeId: string };

const sessionUser = sql<SessionUser>(
  `select u.id, u.display_name as "displayName", u.phone, u.email, s.expires_at as "expiresAt"
   from sessions s join users u on u.id = s.user_id where s.token_hash = ? and s.expires_at > ?`,
);
const rolesOf = sql<RoleGrantRow>(
  'select role, org_id as "orgId", addressee_id as "addresseeId" from user_roles where user_id = ?',
);
const insertSession = sql(
  'insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)',
);
const deleteSession = sql('delete from sessions where token_hash = ?');
const credentials = sql<{ id: string; hash: string }>(
  'select id, password_hash as hash from users where phone = ? or email = ?',
);
const loginTaken = sql<{ one: number }>('select 1 as one from users where phone = ? or email = ?');
const insertUser = sql(
  'insert into users (id, phone, email, password_hash, display_name, created_at) values (?, ?, ?, ?, ?, ?)',
);
const grantRole = sql(
  `insert into user_roles (user_id, role, org_id, addressee_id) values (?, ?, ?, ?)
   on conflict do nothing`,
);
const handlersOf = sql<{ userId: string }>(
  'select user_id as "userId" from user_roles where role = \'handler\' and org_id = ?',
);
const officesOf = sql<{ userId: string }>(
  'select user_id as "userId" from user_roles where role = \'office\' and addressee_id = ?',
);
const reviewers = sql<{ userId: string }>(
  'select distinct user_id as "userId" from user_roles where role = \'reviewer\'',
);
const settings = sql<{ key: string; value: string }>('select key, value from platform_settings');
const saveSetting = sql(
  `insert into platform_settings (key, value, updated_by, updated_at) values (?, ?, ?, ?)
   on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by,
     updated_at = excluded.updated_at`,
);
const totpEnabled = sql<{ one: number }>(
  'select 1 as one from user_totp where user_id = ? and enabled_at is not null',
);
const recoveryCodesLeft = sql<{ n: number }>(
  'select count(*) as n from recovery_codes where user_id = ? and used_at is null',
);
const staffWithoutTwoFactor = sql<{ n: number }>(
  (d) => `select count(distinct r.user_id) as n from user_roles r
   left join user_totp t on t.user_id = r.user_id and t.enabled_at is not null
   where r.role in ${d.list('text')} and t.user_id is null`,
);
const emailsOf = sql<Pick<User, 'id' | 'email'>>(
  (d) => `select id, email from users where email is not null and id in ${d.list('text')}`,
);

type Totp = Rows['userTotp'];
type PendingLogin = Rows['pendingLogins'];

const totpOf = sql<Pick<Totp, 'secret' | 'lastStep' | 'enabledAt'>>(
  'select secret, last_step as "lastStep", enabled_at as "enabledAt" from user_totp where user_id = ?',
);
const startTotp = sql(
  `insert into user_totp (user_id, secret, enabled_at, last_step, created_at) values (?, ?, null, 0, ?)
   on conflict (user_id) do update set secret = excluded.secret, enabled_at = null, last_step = 0,
     created_at = excluded.created_at`,
);
const setTotpStep = sql('update user_totp set last_step = ? where user_id = ?');
const enableTotp = sql('update user_totp set enabled_at = ? where user_id = ?');
const deleteTotp = sql('delete from user_totp where user_id = ?');
const useRecoveryCode = sql(
  'update recovery_codes set used_at = ? where user_id = ? and code_hash = ? and used_at is null',
);
const deleteRecoveryCodes = sql('delete from recovery_codes where user_id = ?');
const insertRecoveryCode = sql('insert into recovery_codes (user_id, code_hash) values (?, ?)');

const dropPendingLogins = sql('delete from pending_logins where expires_at <= ? or user_id = ?');
const insertPendingLogin = sql(
  'insert into pending_logins (token_hash, user_id, expires_at, attempts) values (?, ?, ?, 0)',
);
const pendingLogin = sql<Pick<PendingLogin, 'userId' | 'expiresAt' | 'attempts'>>(
  `select user_id as "userId", expires_at as "expiresAt", attempts from pending_logins
   where token_hash = ?`,
);
const countPendingAttempt = sql(
  'update pending_logins set attempts = attempts + 1 where token_hash = ?',
);
const deletePendingLogin = sql('delete from pending_logins where token_hash = ?');

export class AccountsStore {
  constructor(private readonly q: Queryable) {}

  /** The user behind a live session token (by its hash), or undefined. */
  sessionUser(tokenHash: string, now: number) {
    return this.q.get(sessionUser, tokenHash, now);
  }

  rolesOf(userId: string) {
    return this.q.all(rolesOf, userId);
  }

  createSession(tokenHash: string, userId: string, now: number, expiresAt: number) {
    return this.q.run(insertSession, tokenHash, userId, now, expiresAt);
  }

  deleteSession(tokenHash: string) {
    return this.q.run(deleteSession, tokenHash);
  }

  /** The account a login names, with its password hash. */
  credentials(phone: string | null, email: string | null) {
    return this.q.get(credentials, phone, email);
  }

  async loginTaken(phone: string | null, email: string | null): Promise<boolean> {
    return (await this.q.get(loginTaken, phone, email)) !== undefined;
  }

  insertUser(
    u: Pick<User, 'id' | 'phone' | 'email' | 'passwordHash' | 'displayName' | 'createdAt'>,
  ) {
    return this.q.run(
      insertUser,
      u.id,
      u.phone,
      u.email,
      u.passwordHash,
      u.displayName,
      u.createdAt,
    );
  }

  /** Grants a role (scoped to an organisation, or '' for none); granting twice is a no-op. */
  /** A role, scoped to an organisation (id, '' for none) and, for `office`, to an addressee. */
  grantRole(userId: string, role: Role, orgId: string, addresseeId = '') {
    return this.q.run(grantRole, userId, role, orgId, addresseeId);
  }

  /** Members of a handling unit: users holding the handler role scoped to it. */
  /** The members of a leader's office. */
  async officesOf(addresseeId: string): Promise<string[]> {
    return (await this.q.all(officesOf, addresseeId)).map((r) => r.userId);
  }

  handlersOf(unitId: string) {
    return this.q.column(handlersOf, unitId);
  }

  reviewers() {
    return this.q.column(reviewers);
  }

  /** Platform settings as stored: key → parsed JSON value. */
  async settings(): Promise<Record<string, unknown>> {
    const rows = await this.q.all(settings);
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  saveSetting(key: string, value: unknown, actorId: string, now: number) {
    return this.q.run(saveSetting, key, JSON.stringify(value), actorId, now);
  }

  async totpEnabled(userId: string): Promise<boolean> {
    return (await this.q.get(totpEnabled, userId)) !== undefined;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return (await this.q.value(recoveryCodesLeft, userId)) ?? 0;
  }

  /** Staff accounts (of these roles) without two-step verification. */
  async staffWithoutTwoFactor(staffRoles: readonly Role[]): Promise<number> {
    return (await this.q.value(staffWithoutTwoFactor, [...staffRoles])) ?? 0;
  }

  /** A user's TOTP secret, the step of the last code accepted, and whether enrolment is done. */
  totpOf(userId: string) {
    return this.q.get(totpOf, userId);
  }

  /** A new secret waiting for its first code (replaces an unfinished enrolment). */
  startTotp(userId: string, secret: string, now: number) {
    return this.q.run(startTotp, userId, secret, now);
  }

  /** Records the step of an accepted code: that code and older ones are refused afterwards. */
  setTotpStep(userId: string, step: number) {
    return this.q.run(setTotpStep, step, userId);
  }

  /**
   * Finishes enrolment: two-step verification is on, with these recovery codes (SHA-256 hashes)
   * replacing any earlier ones.
   */
  async enableTotp(userId: string, recoveryCodeHashes: string[], now: number): Promise<void> {
    await this.q.run(enableTotp, now, userId);
    await this.q.run(deleteRecoveryCodes, userId);
    for (const hash of recoveryCodeHashes) await this.q.run(insertRecoveryCode, userId, hash);
  }

  /** Uses a recovery code (by hash); false when it is not one of the user's unused codes. */
  async useRecoveryCode(userId: string, codeHash: string, now: number): Promise<boolean> {
    return (await this.q.run(useRecoveryCode, now, userId, codeHash)).changes === 1;
  }

  /** Turns two-step verification off: the secret and the recovery codes go. */
  async removeTwoFactor(userId: string): Promise<void> {
    await this.q.run(deleteTotp, userId);
    await this.q.run(deleteRecoveryCodes, userId);
  }

  /**
   * A pending login (password accepted, code due). Expired ones of anyone and earlier ones of
   * this user go: one at a time.
   */
  async replacePendingLogin(tokenHash: string, userId: string, expiresAt: number, now: number) {
    await this.q.run(dropPendingLogins, now, userId);
    await this.q.run(insertPendingLogin, tokenHash, userId, expiresAt);
  }

  pendingLogin(tokenHash: string) {
    return this.q.get(pendingLogin, tokenHash);
  }

  /** Counts a wrong code against a pending login. */
  countPendingAttempt(tokenHash: string) {
    return this.q.run(countPendingAttempt, tokenHash);
  }

  deletePendingLogin(tokenHash: string) {
    return this.q.run(deletePendingLogin, tokenHash);
  }

  /** E-mail addresses of those users who have one. */
  async emailsOf(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.q.all(emailsOf, userIds);
    return new Map(rows.map((r) => [r.id, r.email!]));
  }
}
