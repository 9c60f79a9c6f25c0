// One node among those on a database leads the work that must run once (the sensemaking queue,
// escalation, figures, recorded jobs): the node whose connection holds a session advisory lock.
// When that node dies its connection closes, PostgreSQL releases the lock, and another node's next
// try takes it. A lock is scoped to its database, so each database has its own leader.
import pg from 'pg';

/** Any constant: every Huiyin node tries the same lock. */
const leaderLock = 4_826_100_318;
/** How often a node that does not lead tries again, and a leader checks its connection lives. */
const tryEveryMs = 1_000;

export function leaderLockOn(
  url: () => string,
  changed: (leading: boolean) => void,
): { ready: Promise<void>; stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let settle!: () => void;
  const ready = new Promise<void>((resolve) => (settle = resolve));

  const set = (now: boolean) => {
    if (now === leading) return;
    leading = now;
    changed(now);
  };
  const drop = (c: pg.Client | null) => {
    if (c) {
      c.removeAllListeners('end');
      void c.end().catch(() => undefined);
    }
    if (client === c) client = null;
    set(false);
  };

  const attempt = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url() });
        // A lost connection has lost the lock with it.
        c.on('error', () => drop(c));
        c.on('end', () => drop(c));
        try {
          await c.connect();
        } catch (error) {
          c.removeAllListeners('end');
          void c.end().catch(() => undefined);
          throw error;
        }
        client = c;
      }
      const c = client;
      if (leading) await c.query('select 1');
      else {
        const { rows } = await c.query<{ got: boolean }>('select pg_try_advisory_lock($1) as got', [
          leaderLock,
        ]);
        if (!stopped) set(rows[0]!.got);
      }
    } catch {
      drop(client);
    } finally {
      settle();
      if (!stopped) {
        timer = setTimeout(() => void attempt(), tryEveryMs);
        timer.unref();
      }
    }
  };
  void attempt();

  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined); // closing the session releases the lock
      }
      leading = false; // the caller is stopping: no news to send
    },
  };
}
