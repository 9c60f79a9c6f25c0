// What one app node changed that other nodes keep in memory: a signed-out session, a saved
// campaign, new settings, a retrained routing model, a new cluster model. The node that changed it
// updates its own memory at once; `publish` tells the others (PostgreSQL NOTIFY, after the write
// committed), which drop what they remembered and read it again when next needed. On SQLite there
// is one node and nothing to tell.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.ts';

export const changeTopics = [
  'session',
  'campaigns',
  'settings',
  'routing-model',
  'cluster-model',
  // Near-duplicate signatures the leader stored: key `<campaign id> <id>,<id>,…`.
  'signatures',
] as const;
export type ChangeTopic = (typeof changeTopics)[number];

/** A handler gets the changed key (a token hash, a campaign id), or null for "anything changed". */
type Handler = (key: string | null) => void | Promise<void>;

type Message = { node: string; topic: ChangeTopic; key: string | null };

export class ChangeFeed {
  /** This process among the nodes; its own messages come back to it and are ignored. */
  readonly nodeId = randomBytes(6).toString('hex');
  private readonly handlers = new Map<ChangeTopic, Handler[]>();
  private listening: { ready: Promise<void>; stop(): Promise<void> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: (msg: Record<string, unknown>) => void,
  ) {}

  /** What this node does when another node changed `topic`. */
  on(topic: ChangeTopic, handler: Handler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** Starts hearing the other nodes; resolves once it does. */
  start(): Promise<void> {
    this.listening ??= this.store.listen(
      (raw) => this.heard(raw),
      () => {
        // Messages may have been lost while the connection was down: forget everything.
        for (const topic of changeTopics) void this.deliver(topic, null);
      },
    );
    return this.listening.ready;
  }

  async stop(): Promise<void> {
    await this.listening?.stop();
    this.listening = null;
  }

  /**
   * Tells the other nodes, after the write that made the change has committed. A failure to tell
   * is logged, not thrown: the change is stored, and the other nodes' memories also expire.
   */
  async publish(topic: ChangeTopic, key: string | null = null): Promise<void> {
    const message: Message = { node: this.nodeId, topic, key };
    try {
      await this.store.broadcast(JSON.stringify(message));
    } catch (error) {
      this.log({
        level: 'error',
        msg: 'could not tell the other nodes',
        topic,
        error: String(error),
      });
    }
  }

  private heard(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.node === this.nodeId || !changeTopics.includes(message.topic)) return;
    void this.deliver(message.topic, typeof message.key === 'string' ? message.key : null);
  }

  private async deliver(topic: ChangeTopic, key: string | null): Promise<void> {
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        await handler(key);
      } catch (error) {
        this.log({ level: 'error', msg: 'change handler failed', topic, error: String(error) });
      }
    }
  }
}
