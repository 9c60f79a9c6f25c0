// Worker-thread entry that reads a campaign's stored near-duplicate signatures from a SQLite file
// for the rebuild of its index after a restart (stored-signatures.ts). The ordered read of
// 100,000 signatures takes about 1.7 s, which the event loop must not wait for. A cursor stays
// open between calls, in one read transaction, so the server pulls one chunk at a time, as fast
// as it adds them, and never holds the whole campaign.
import type Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { serveRequests } from '../workers/service-worker.ts';
import { sql } from './engine/sql.ts';
import { openSqliteReader } from './engine/sqlite/sqlite-db.ts';
import { bindable, SqliteStatements } from './engine/sqlite/statements.ts';
import { signatureCount, signaturesInOrder, splitSignatures } from './sensemaking.ts';
import type { StoredSignature } from './sensemaking.ts';
import {
  forbiddenPairs,
  type StoredSignaturesRequest,
  type StoredSignaturesResult,
} from './stored-signatures.ts';

type Cursor = { connection: Database.Database; rows: Iterator<StoredSignature> };

const begin = sql('begin');
const cursors = new Map<number, Cursor>();
let nextCursor = 1;

function close(id: number) {
  const cursor = cursors.get(id);
  if (!cursor) return;
  cursors.delete(id);
  cursor.rows.return?.();
  if (cursor.connection.inTransaction) cursor.connection.exec('commit');
  cursor.connection.close();
}

serveRequests<StoredSignaturesRequest, StoredSignaturesResult>(parentPort!, (request) => {
  if (request.op === 'close') {
    close(request.cursor);
    return { rows: [], forbids: [], total: 0, done: true, cursor: request.cursor };
  }
  if (request.op === 'open') {
    const connection = openSqliteReader(request.file);
    const q = new SqliteStatements(connection);
    // One snapshot for the constraints, the count and the rows.
    q.runSync(begin, []);
    const forbids = forbiddenPairs(q.allSync(splitSignatures, [request.campaignId]));
    const total = q.getSync(signatureCount, [request.campaignId])?.n ?? 0;
    const rows = q
      .statement(signaturesInOrder)
      .iterate(...bindable([request.campaignId])) as IterableIterator<StoredSignature>;
    const cursor = nextCursor++;
    cursors.set(cursor, { connection, rows });
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
