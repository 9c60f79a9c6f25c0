import { ApiError } from './api-error.ts';

/**
 * Fixed-window counters kept in memory: one writer process serves the platform (design.md), so
 * a shared store would only add latency. A limit of 0 disables that limit.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number) {}

  /** Counts one hit for `key`; throws rate_limited with Retry-After when over `limit` per `windowMs`. */
  hit(key: string, limit: number, windowMs: number, message: string): void {
    if (limit <= 0) return;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now, windowMs);
    }
    if (window.count >= limit) throw this.limited(window.start + windowMs - now, message);
    window.count += 1;
  }

  /** Throws rate_limited if `key` has used up `limit` in its window, without counting a hit. */
  check(key: string, limit: number, windowMs: number, message: string): void {
    const window = this.windows.get(key);
    if (limit <= 0 || !window || this.now() - window.start >= windowMs || window.count < limit)
      return;
    throw this.limited(window.start + windowMs - this.now(), message);
  }

  /** Forgets a key (e.g. failed logins after a successful one). */
  reset(key: string): void {
    this.windows.delete(key);
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

  private sweep(now: number, windowMs: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(key);
  }
}
