export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** The calendar day in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function chinaYear(ms: number): number {
  return new Date(ms + 8 * 3600_000).getUTCFullYear();
}
