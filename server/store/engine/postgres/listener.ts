// LISTEN on a connection of its own (not the pool's: a pooled connection is handed to others
// between statements), reconnecting with backoff when it is lost. Messages sent while it was down
// are gone, so after a reconnect `resync` tells the caller to assume anything may have changed.
import pg from 'pg';

/** The one channel Huiyin's nodes talk on. */
export const changesChannel = 'huiyin_changes';

export function listen(
  url: () => string,
  hear: (message: string) => void,
  resync: () => void,
): { ready: Promise<void>; stop(): Promise<void> } {
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url() });
    c.on('notification', (n) => {
      if (n.channel === changesChannel && n.payload) hear(n.payload);
    });
    // A lost connection emits 'error' (and 'end'); either way, start again.
    c.on('error', () => retry(c));
    c.on('end', () => retry(c));
    try {
      await c.connect();
      await c.query(`listen ${changesChannel}`);
      client = c;
      listening();
      if (failures > 0) resync();
      failures = 0;
    } catch {
      retry(c);
    }
  };
  const retry = (c: pg.Client) => {
    if (client === c) client = null;
    c.removeAllListeners('end');
    void c.end().catch(() => undefined);
    if (stopped || timer) return;
    failures++;
    timer = setTimeout(
      () => {
        timer = undefined;
        void connect();
      },
      Math.min(5_000, 100 * 2 ** failures),
    );
    timer.unref();
  };
  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      listening();
      clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}
