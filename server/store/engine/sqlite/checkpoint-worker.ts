// Worker-thread entry for WAL checkpoints (see wal-checkpoints.ts): its own connection per
// database file, so copying the WAL into the database and syncing both happen off the event loop.
import Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { serveRequests } from '../../../workers/service-worker.ts';
import type { CheckpointRequest, CheckpointResult } from './wal-checkpoints.ts';

const connections = new Map<string, Database.Database>();

function connection(file: string): Database.Database {
  let sqlite = connections.get(file);
  if (!sqlite) {
    sqlite = new Database(file, { fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    connections.set(file, sqlite);
  }
  return sqlite;
}

serveRequests<CheckpointRequest, CheckpointResult>(parentPort!, ({ file, op }) => {
  if (op === 'close') {
    connections.get(file)?.close();
    connections.delete(file);
    return { walFrames: 0, copied: 0 };
  }
  // PASSIVE: copies what no reader still needs, never waits for readers or blocks the writer.
  const [row] = connection(file).pragma('wal_checkpoint(PASSIVE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return { walFrames: row?.log ?? 0, copied: row?.checkpointed ?? 0 };
});
