import { createHash, randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/open-database.ts';
import type { Actor, RoleGrant } from './actor.ts';

export const sessionCookie = 'hy_session';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * How long a signed-in actor is remembered in memory. Every request needs it, and reading it costs
 * a hash and two queries; sign-out forgets it at once, so this only bounds how late a change made
 * outside this process (an ops script editing roles) is seen.
 */
const rememberMs = 30_000;
const rememberAtMost = 50_000;

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export class SessionStore {
  private readonly findSession;
  private readonly findRoles;
  private readonly remembered = new Map<
    string,
    { actor: Actor; expiresAt: number; until: number }
  >();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly lifetimeMs: number,
  ) {
    this.findSession = sqlite.prepare(
      `select u.id, u.display_name as displayName, u.phone, u.email, s.expires_at as expiresAt from sessions s
       join users u on u.id = s.user_id where s.token_hash = ? and s.expires_at > ?`,
    );
    this.findRoles = sqlite.prepare(
      'select role, org_id as orgId from user_roles where user_id = ?',
    );
  }

  create(userId: string, now: number): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.lifetimeMs;
    this.sqlite
      .prepare(
        'insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)',
      )
      .run(tokenHash(token), userId, now, expiresAt);
    return { token, expiresAt };
  }

  revoke(token: string): void {
    this.remembered.delete(token);
    this.sqlite.prepare('delete from sessions where token_hash = ?').run(tokenHash(token));
  }

  /** Forget every remembered actor (call after changing anyone's roles or account). */
  forgetAll(): void {
    this.remembered.clear();
  }

  actorFor(token: string, now: number): Actor | null {
    const seen = this.remembered.get(token);
    const wall = Date.now();
    if (seen && seen.until > wall && seen.expiresAt > now) return seen.actor;
    const user = this.findSession.get(tokenHash(token), now) as
      (Omit<Actor, 'roles'> & { expiresAt: number }) | undefined;
    if (!user) {
      this.remembered.delete(token);
      return null;
    }
    const { expiresAt, ...person } = user;
    const actor: Actor = { ...person, roles: this.rolesOf(user.id) };
    if (this.remembered.size >= rememberAtMost) this.remembered.clear();
    this.remembered.set(token, { actor, expiresAt, until: wall + rememberMs });
    return actor;
  }

  rolesOf(userId: string): RoleGrant[] {
    return (this.findRoles.all(userId) as { role: RoleGrant['role']; orgId: string }[]).map(
      (g) => ({
        role: g.role,
        orgId: g.orgId || null,
      }),
    );
  }
}
