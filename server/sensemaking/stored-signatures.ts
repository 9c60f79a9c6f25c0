// Adding a campaign's stored near-duplicate signatures back into memory after a restart, without
// stopping the server: the store reads them off the event loop (server/store/stored-signatures.ts:
// a worker thread on SQLite, a cursor on PostgreSQL) and hands over chunks; the event loop adds
// each chunk in slices of a few milliseconds and answers requests in between. At 100,000
// submissions that is ~1.7 s of reading off the event loop and ~1.6 s of adding spread over it,
// where the synchronous load held every request for 3.3 s.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { openStoredSignatures, type StoredSignature } from '../store/stored-signatures.ts';
import type { Store } from '../store/store.ts';

export type { StoredSignature } from '../store/stored-signatures.ts';

export type StreamOptions = {
  /** Rows per chunk read (default 2,000). */
  chunk?: number;
  /** The event loop is given back after this long of adding rows (default 8 ms). */
  sliceMs?: number;
};

/**
 * Streams the campaign's stored signatures in order of arrival: first how many there are and
 * every "never group" pair, then the rows. Resolves when all were handed to `onRow`. The caller
 * must keep the campaign's signatures unchanged meanwhile (nothing else writes them while its
 * index loads).
 */
export async function streamStoredSignatures(
  store: Store,
  campaignId: string,
  handlers: {
    onStart(total: number): void;
    onForbid(a: string, b: string): void;
    onRow(row: StoredSignature): void;
  },
  options: StreamOptions = {},
): Promise<void> {
  const sliceMs = options.sliceMs ?? 8;
  const opened = await openStoredSignatures(store, campaignId, options.chunk ?? 2000);
  handlers.onStart(opened.total);
  for (const [a, b] of opened.forbids) handlers.onForbid(a, b);
  for await (const rows of opened.rows) {
    let sliceStart = performance.now();
    for (let i = 0; i < rows.length; i++) {
      handlers.onRow(rows[i]!);
      if ((i & 31) === 31 && performance.now() - sliceStart > sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    await nextTurn();
  }
}
