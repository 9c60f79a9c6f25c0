import { StoreUnavailable } from '../store/errors.ts';
import type { RateLimitsStore } from '../store/rate-limits.ts';
import { ApiError } from './api-error.ts';

/**
 * A window that cannot be counted (no writable primary during a failover) lets the request
 * through: reads keep working from a standby, and a write fails on its own with 503 anyway.
 */
function failOpen(error: unknown): undefined {
  if (error instanceof StoreUnavailable) return undefined;
  throw error;
}

/**
 * Fixed-window limits counted in the database (`rate_limits`), so they hold across every app node
 * and survive a restart. A limit of 0 disables that limit (and costs nothing).
 */
export class RateLimiter {
  constructor(
    private readonly windows: RateLimitsStore,
    private readonly now: () => number,
  ) {}

  /** Counts one hit for `key`; throws rate_limited with Retry-After when over `limit` per `windowMs`. */
  async hit(key: string, limit: number, windowMs: number, message: string): Promise<void> {
    if (limit <= 0) return;
    const now = this.now();
    const window = await this.windows.hit(key, limit, windowMs, now).catch(failOpen);
    if (window && window.hits > limit) throw this.limited(window.expiresAt - now, message);
  }

  /** Throws rate_limited if `key` has used up `limit` in its window, without counting a hit. */
  async check(key: string, limit: number, message: string): Promise<void> {
    if (limit <= 0) return;
    const now = this.now();
    const window = await this.windows.window(key, now).catch(failOpen);
    if (window && window.hits >= limit) throw this.limited(window.expiresAt - now, message);
  }

  /** Forgets a key (e.g. failed logins after a successful one). */
  reset(key: string): Promise<void> {
    return this.windows.reset(key);
  }

  /** The 429 answer, telling the client when to come back. */
  private limited(waitMs: number, message: string): ApiError {
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    return new ApiError(
      'rate_limited',
      message,
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
