// Reading a campaign's stored near-duplicate signatures back into memory after a restart, without
// stopping the server: a worker thread runs the query (stored-signatures-worker.ts) and hands over
// chunks; the event loop adds each chunk in slices of a few milliseconds and answers requests in
// between. At 100,000 submissions that is ~1.7 s of reading off the event loop and ~1.6 s of adding
// spread over it, where the synchronous load held every request for 3.3 s.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ServiceWorker } from '../workers/service-worker.ts';

export type StoredSignature = {
  id: string;
  signature: string;
  groupId: string | null;
  /** JSON array of the ids a moderator split it from, or null. */
  splitFrom: string | null;
};

/**
 * A campaign's stored signatures in order of arrival (time, then reference number), so that the
 * rebuilt groups keep their keys: the oldest member's id.
 */
export const storedSignaturesInOrder = `select t.submission_id as id, t.signature, t.group_id as groupId,
    t.split_from as splitFrom
  from text_signatures t join submissions s on s.id = t.submission_id
  where t.campaign_id = ? order by s.created_at, s.ref`;

export type StoredSignaturesRequest =
  | { op: 'open'; file: string; campaignId: string }
  | { op: 'next'; cursor: number; max: number }
  | { op: 'close'; cursor: number };

export type StoredSignaturesResult = {
  cursor: number;
  /** Pairs a moderator split apart (from `open` only): they must be known before the rows. */
  forbids: [string, string][];
  /** How many rows will come (from `open` only). */
  total: number;
  rows: StoredSignature[];
  done: boolean;
};

const worker = new ServiceWorker<StoredSignaturesRequest, StoredSignaturesResult>(
  new URL('./stored-signatures-worker.ts', import.meta.url),
);

export type StreamOptions = {
  /** Rows per chunk read by the worker (default 2,000). */
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
  file: string,
  campaignId: string,
  handlers: {
    onStart(total: number): void;
    onForbid(a: string, b: string): void;
    onRow(row: StoredSignature): void;
  },
  options: StreamOptions = {},
): Promise<void> {
  const chunk = options.chunk ?? 2000;
  const sliceMs = options.sliceMs ?? 8;
  const opened = await worker.call({ op: 'open', file, campaignId });
  const cursor = opened.cursor;
  let finished = false;
  try {
    handlers.onStart(opened.total);
    for (const [a, b] of opened.forbids) handlers.onForbid(a, b);
    let pending = worker.call({ op: 'next', cursor, max: chunk });
    for (;;) {
      const got = await pending;
      finished = got.done;
      // The worker reads the next chunk while this one is added.
      if (!got.done) pending = worker.call({ op: 'next', cursor, max: chunk });
      let sliceStart = performance.now();
      for (let i = 0; i < got.rows.length; i++) {
        handlers.onRow(got.rows[i]!);
        if ((i & 31) === 31 && performance.now() - sliceStart > sliceMs) {
          await nextTurn();
          sliceStart = performance.now();
        }
      }
      if (got.done) return;
      await nextTurn();
    }
  } finally {
    if (!finished) await worker.call({ op: 'close', cursor }).catch(() => undefined);
  }
}
