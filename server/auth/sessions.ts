import { createHash, randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/open-database.ts';
import type { Actor, RoleGrant } from './actor.ts';

export const sessionCookie = 'hy_session';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export class SessionStore {
  private readonly findSession;
  private readonly findRoles;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly lifetimeMs: number,
  ) {
    this.findSession = sqlite.prepare(
      `select u.id, u.display_name as displayName, u.phone, u.email from sessions s
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
    this.sqlite.prepare('delete from sessions where token_hash = ?').run(tokenHash(token));
  }

  actorFor(token: string, now: number): Actor | null {
    const user = this.findSession.get(tokenHash(token), now) as Omit<Actor, 'roles'> | undefined;
    return user ? { ...user, roles: this.rolesOf(user.id) } : null;
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
