// The signed-in user's unread notification count: polled every 60 s while someone is signed in
// and the tab is visible, and refreshed at once after the user does something that may notify.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listNotifications } from '../api/notifications.ts';
import { session } from './session.ts';

const POLL_MS = 60_000;

class UnreadStore extends EventTarget {
  /** null while unknown (signed out, or not loaded yet). */
  count: number | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private users = 0;
  private inFlight: Promise<void> | undefined;

  /** Loads the count now (no-op when signed out). */
  refresh(): Promise<void> {
    if (!session.user) {
      this.set(null);
      return Promise.resolve();
    }
    this.inFlight ??= listNotifications({ page: 1, pageSize: 1, unread: true })
      .then((r) => this.set(r.unread))
      .catch(() => undefined)
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Sets a count the server just answered (e.g. after marking read). */
  set(count: number | null): void {
    if (count === this.count) return;
    this.count = count;
    this.dispatchEvent(new Event('change'));
  }

  private readonly onSession = () => void this.refresh();
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible') void this.refresh();
  };

  /** Starts polling while at least one element watches the count. */
  watch(): void {
    if (this.users++ > 0) return;
    session.addEventListener('change', this.onSession);
    document.addEventListener('visibilitychange', this.onVisible);
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh();
    }, POLL_MS);
    void session.load().then(() => this.refresh());
  }

  unwatch(): void {
    if (--this.users > 0) return;
    session.removeEventListener('change', this.onSession);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

export const unread = new UnreadStore();

/** Re-renders its host when the unread count changes, and keeps the count polled meanwhile. */
export class UnreadController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  get count(): number | null {
    return unread.count;
  }
  hostConnected(): void {
    unread.addEventListener('change', this.onChange);
    unread.watch();
  }
  hostDisconnected(): void {
    unread.removeEventListener('change', this.onChange);
    unread.unwatch();
  }
}
