import { createHash, randomBytes } from 'node:crypto';
import type { ChangeFeed } from '../nodes/change-feed.ts';
import type { Store } from '../store/store.ts';
import type { Actor, RoleGrant } from './actor.ts';

export const sessionCookie = 'hy_session';

/** What the database keeps of a session token: its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * How long a signed-in actor is remembered in memory. Every request needs it, and reading it costs
 * two queries; sign-out forgets it at once on every node (the change feed), so this only bounds
 * how late a change made outside the app (an ops script editing roles) is seen.
 */
const rememberMs = 30_000;
const rememberAtMost = 50_000;

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export class SessionStore {
  /** By token hash, so another node's sign-out (which knows only the hash) can forget it. */
  private readonly remembered = new Map<
    string,
    { actor: Actor; expiresAt: number; until: number }
  >();

  constructor(
    private readonly store: Store,
    private readonly lifetimeMs: number,
    private readonly changes: ChangeFeed,
  ) {
    changes.on('session', (hash) => (hash ? this.forget(hash) : this.forgetAll()));
  }

  async create(userId: string, now: number): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.lifetimeMs;
    await this.store.accounts.createSession(tokenHash(token), userId, now, expiresAt);
    return { token, expiresAt };
  }

  async revoke(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.remembered.delete(hash);
    await this.store.accounts.deleteSession(hash);
    await this.changes.publish('session', hash);
  }

  private forget(hash: string): void {
    this.remembered.delete(hash);
  }

  /** Forget every remembered actor (call after changing anyone's roles or account). */
  forgetAll(): void {
    this.remembered.clear();
  }

  /** The actor a session token stands for; remembered briefly, so most requests read nothing. */
  actorFor(token: string, now: number): Actor | null | Promise<Actor | null> {
    const hash = tokenHash(token);
    const seen = this.remembered.get(hash);
    if (seen && seen.until > Date.now() && seen.expiresAt > now) return seen.actor;
    return this.readActor(hash, now);
  }

  private async readActor(hash: string, now: number): Promise<Actor | null> {
    const wall = Date.now();
    const user = await this.store.accounts.sessionUser(hash, now);
    if (!user) {
      this.remembered.delete(hash);
      return null;
    }
    const { expiresAt, ...person } = user;
    const actor: Actor = { ...person, roles: await this.rolesOf(user.id) };
    if (this.remembered.size >= rememberAtMost) this.remembered.clear();
    this.remembered.set(hash, { actor, expiresAt, until: wall + rememberMs });
    return actor;
  }

  async rolesOf(userId: string): Promise<RoleGrant[]> {
    return (await this.store.accounts.rolesOf(userId)).map((g) => ({
      role: g.role,
      orgId: g.orgId || null,
      addresseeId: g.addresseeId || null,
    }));
  }
}
