// Reading a campaign's stored near-duplicate signatures back after a restart, without stopping the
// server (server/sensemaking/near-duplicates.ts rebuilds its index from them). At 100,000
// submissions the ordered read takes about 1.7 s on SQLite, which the event loop must not wait
// for: there a worker thread keeps a cursor open in one read transaction and reads the next chunk
// while the caller adds this one (stored-signatures-worker.ts). On PostgreSQL the read is a
// cursor on a connection of its own (`db.stream`, one REPEATABLE READ snapshot): the event loop
// only waits for the network between chunks.
import { ServiceWorker } from '../workers/service-worker.ts';
import { signaturesInOrder, splitSignatures, signatureCount } from './sensemaking.ts';
import type { StoredSignature } from './sensemaking.ts';
import type { Store } from './store.ts';

export type { StoredSignature } from './sensemaking.ts';

export type StoredSignaturesRequest =
  | { op: 'open'; file: string; campaignId: string }
  | { op: 'next'; cursor: number; max: number }
  | { op: 'close'; cursor: number };

export type StoredSignaturesResult = {
  cursor: number;
  /** Pairs a moderator split apart (from `open` only). */
  forbids: [string, string][];
  /** How many rows will come (from `open` only). */
  total: number;
  rows: StoredSignature[];
  done: boolean;
};

export type OpenedSignatures = {
  /** How many rows will come. */
  total: number;
  /** Pairs a moderator split apart: they must be known before the rows (cheapest to replay). */
  forbids: [string, string][];
  /** The rows in order of arrival, in chunks; stop early with `break`. */
  rows: AsyncIterable<StoredSignature[]>;
};

const worker = new ServiceWorker<StoredSignaturesRequest, StoredSignaturesResult>(
  new URL('./stored-signatures-worker.ts', import.meta.url),
);

/** Every "never group with" pair recorded in these rows' `splitFrom`. */
export function forbiddenPairs(rows: { id: string; splitFrom: string | null }[]) {
  return rows.flatMap((r) =>
    r.splitFrom
      ? (JSON.parse(r.splitFrom) as string[]).map((other) => [r.id, other] as [string, string])
      : [],
  );
}

/** False where no second connection can read the data (an in-memory SQLite database). */
export function canReadInBackground(store: Store): boolean {
  const address = store.db.address;
  return address.engine === 'postgres' || address.file !== ':memory:';
}

/**
 * Opens a campaign's stored signatures for reading in chunks of `chunk` rows, in order of arrival
 * (so the rebuilt groups keep their keys). The caller keeps the campaign's signatures unchanged
 * meanwhile (nothing in this process writes them while its index loads).
 */
export async function openStoredSignatures(
  store: Store,
  campaignId: string,
  chunk = 2000,
): Promise<OpenedSignatures> {
  const address = store.db.address;
  if (address.engine === 'postgres') {
    const db = store.db;
    const { total, forbids } = await db.snapshot(async (tx) => ({
      total: (await tx.value(signatureCount, campaignId)) ?? 0,
      forbids: forbiddenPairs(await tx.all(splitSignatures, campaignId)),
    }));
    return { total, forbids, rows: db.stream(signaturesInOrder, [campaignId], chunk) };
  }
  const opened = await worker.call({ op: 'open', file: address.file, campaignId });
  return { total: opened.total, forbids: opened.forbids, rows: workerRows(opened.cursor, chunk) };
}

async function* workerRows(cursor: number, chunk: number): AsyncGenerator<StoredSignature[]> {
  let finished = false;
  try {
    let pending = worker.call({ op: 'next', cursor, max: chunk });
    for (;;) {
      const got = await pending;
      finished = got.done;
      // The worker reads the next chunk while this one is added.
      if (!got.done) pending = worker.call({ op: 'next', cursor, max: chunk });
      if (got.rows.length > 0) yield got.rows;
      if (got.done) return;
    }
  } finally {
    if (!finished) await worker.call({ op: 'close', cursor }).catch(() => undefined);
  }
}
