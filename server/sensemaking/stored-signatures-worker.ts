// Worker-thread entry that reads a campaign's stored near-duplicate signatures for the rebuild of
// its index after a restart (stored-signatures.ts). The ordered read of 100,000 signatures takes
// about 1.7 s, which the event loop must not wait for. A cursor stays open between calls, so the
// server pulls one chunk at a time, as fast as it adds them, and never holds the whole campaign.
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { serveRequests } from '../workers/service-worker.ts';
import {
  storedSignaturesInOrder,
  type StoredSignature,
  type StoredSignaturesRequest,
  type StoredSignaturesResult,
} from './stored-signatures.ts';

type Cursor = { sqlite: Database.Database; rows: Iterator<StoredSignature> };

const cursors = new Map<number, Cursor>();
let nextCursor = 1;

function close(id: number) {
  const cursor = cursors.get(id);
  if (!cursor) return;
  cursors.delete(id);
  cursor.rows.return?.();
  if (cursor.sqlite.inTransaction) cursor.sqlite.exec('commit');
  cursor.sqlite.close();
}

serveRequests<StoredSignaturesRequest, StoredSignaturesResult>(parentPort!, (request) => {
  if (request.op === 'close') {
    close(request.cursor);
    return { rows: [], forbids: [], total: 0, done: true, cursor: request.cursor };
  }
  if (request.op === 'open') {
    const sqlite = new Database(request.file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    // One snapshot for the constraints and the rows.
    sqlite.exec('begin');
    const forbids = (
      sqlite
        .prepare(
          'select submission_id as id, split_from as splitFrom from text_signatures where campaign_id = ? and split_from is not null',
        )
        .all(request.campaignId) as { id: string; splitFrom: string }[]
    ).flatMap((r) =>
      (JSON.parse(r.splitFrom) as string[]).map((other) => [r.id, other] as [string, string]),
    );
    const rows = sqlite
      .prepare(storedSignaturesInOrder)
      .iterate(request.campaignId) as IterableIterator<StoredSignature>;
    const total = sqlite
      .prepare('select count(*) from text_signatures where campaign_id = ?')
      .pluck()
      .get(request.campaignId) as number;
    const cursor = nextCursor++;
    cursors.set(cursor, { sqlite, rows });
    return { cursor, forbids, total, rows: [], done: false };
  }
  const cursor = cursors.get(request.cursor);
  if (!cursor) throw new Error(`no cursor ${request.cursor}`);
  const rows: StoredSignature[] = [];
  while (rows.length < request.max) {
    const next = cursor.rows.next();
    if (next.done) break;
    rows.push(next.value);
  }
  const done = rows.length < request.max;
  if (done) close(request.cursor);
  return { cursor: request.cursor, forbids: [], total: 0, rows, done };
});
