// Work that must run on one node only (the sensemaking queue, whose near-duplicate index lives in
// the leader's memory; overdue escalation; figures snapshots; recorded jobs; sweeping) runs on the
// node that leads. Which node leads is PostgreSQL's to say (a session advisory lock); when it dies,
// another takes over within about a second of PostgreSQL noticing. On SQLite the one process leads.
import type { Store } from '../store/store.ts';

type Follower = (leading: boolean) => void;

export class Leadership {
  /** Whether this node leads now. */
  leading = false;
  private readonly followers: Follower[] = [];
  private lock: { ready: Promise<void>; stop(): Promise<void> } | null = null;
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly log: (msg: Record<string, unknown>) => void,
  ) {}

  /** Called with true when this node takes the lead (at once if it leads) and false when it loses it. */
  follow(follower: Follower): void {
    this.followers.push(follower);
    if (this.leading) follower(true);
  }

  /** Competes for the lead; resolves after the first try. */
  start(): Promise<void> {
    let started = false;
    this.lock ??= this.store.lead((leading) => {
      this.leading = leading;
      // A take-over or a loss is news; leading from the start is not.
      if (started && !this.stopping && this.store.engine === 'postgres')
        this.log({ msg: leading ? 'this node took the lead' : 'this node no longer leads' });
      for (const follower of this.followers) follower(leading);
    });
    return this.lock.ready.then(() => {
      started = true;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.lock?.stop();
    this.lock = null;
    this.leading = false;
  }
}
