// Who is signed in. Loaded once from GET /api/auth/me, updated by login/register/logout.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as auth from '../api/auth.ts';
import type { Role, User } from '../api/types.ts';
import { staffRoles } from '../../../schema/states.ts';

class SessionStore extends EventTarget {
  /** undefined while the first /auth/me is in flight. */
  user: User | null | undefined = undefined;
  private loading: Promise<User | null> | undefined;

  /** Resolves once the session is known. */
  load(): Promise<User | null> {
    if (this.user !== undefined) return Promise.resolve(this.user);
    this.loading ??= auth
      .me()
      .catch(() => null)
      .then((user) => {
        this.set(user);
        return user;
      });
    return this.loading;
  }

  set(user: User | null): void {
    this.user = user;
    this.dispatchEvent(new Event('change'));
  }

  async logout(): Promise<void> {
    try {
      await auth.logout();
    } finally {
      this.set(null);
    }
  }
}

export const session = new SessionStore();

export function hasRole(user: User | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r.role));
}

export function isStaff(user: User | null | undefined): boolean {
  return hasRole(user, ...staffRoles);
}

/** Whether the user has a console: staff, or a leader's office (领导办公室, not platform staff). */
export function hasConsole(user: User | null | undefined): boolean {
  return isStaff(user) || hasRole(user, 'office');
}

/** Re-renders its host when the signed-in user changes; exposes that user. */
export class SessionController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  get user(): User | null | undefined {
    return session.user;
  }
  hostConnected(): void {
    session.addEventListener('change', this.onChange);
    void session.load();
  }
  hostDisconnected(): void {
    session.removeEventListener('change', this.onChange);
  }
}
