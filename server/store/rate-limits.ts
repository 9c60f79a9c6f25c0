// Fixed-window counters (rate limits, sign-in lockouts, code attempts) in the database, so every
// app node counts against the same window and a restart forgets nothing. A hit is one atomic
// statement: on PostgreSQL it runs on its own (autocommit, no SERIALIZABLE transaction to retry,
// an UNLOGGED table so a hot key never waits for a WAL flush); on SQLite, the one writer, it joins
// the group commit.
import type { Db } from './engine/db.ts';
import { sql } from './engine/sql.ts';

export type LimitWindow = { hits: number; expiresAt: number };

// Refused hits are not counted (hits stop at cap = limit + 1), so a client that keeps knocking
// does not push its own window further; a window that has ended starts again at this hit.
const hit = sql<LimitWindow>(
  (d) => `insert into rate_limits (key, window_start, expires_at, hits)
   values (@key, @now, @expiresAt, 1)
   on conflict (key) do update set
     hits = case when rate_limits.expires_at <= @now then 1
                 else ${d.least('rate_limits.hits + 1', '@cap')} end,
     window_start = case when rate_limits.expires_at <= @now then @now
                         else rate_limits.window_start end,
     expires_at = case when rate_limits.expires_at <= @now then @expiresAt
                       else rate_limits.expires_at end
   returning hits, expires_at as "expiresAt"`,
);
const current = sql<LimitWindow>(
  'select hits, expires_at as "expiresAt" from rate_limits where key = ? and expires_at > ?',
);
const forget = sql('delete from rate_limits where key = ?');
const sweep = sql('delete from rate_limits where expires_at <= ?');

export class RateLimitsStore {
  constructor(private readonly db: Db) {}

  /** Counts one hit on `key` in a window of `windowMs`; the window's hits after it (≤ limit + 1). */
  async hit(key: string, limit: number, windowMs: number, now: number): Promise<LimitWindow> {
    const params = { key, now, expiresAt: now + windowMs, cap: limit + 1 };
    const row =
      this.db.engine === 'postgres'
        ? await this.db.get(hit, params)
        : await this.db.write((tx) => tx.get(hit, params));
    return row!;
  }

  /** The key's window if it is still running. */
  window(key: string, now: number): Promise<LimitWindow | undefined> {
    return this.db.get(current, key, now);
  }

  /** Forgets a key (failed sign-ins after a successful one). */
  async reset(key: string): Promise<void> {
    if (this.db.engine === 'postgres') await this.db.run(forget, key);
    else await this.db.write((tx) => tx.run(forget, key));
  }

  /** Deletes windows that have ended; returns how many. */
  async sweep(now: number): Promise<number> {
    return (await this.db.write((tx) => tx.run(sweep, now), { readCommitted: true })).changes;
  }
}
