// A checkpoint copies the WAL's pages back into the database file and syncs it. SQLite runs one
// automatically inside the commit that grows the WAL past 1,000 pages, on the committing thread:
// under load that is every dozen group commits, each time stalling the event loop for a copy and
// two fsyncs (about a tenth of the request thread's time in the ingest benchmark). The server
// turns that off on its connection and lets a worker thread with its own connection checkpoint
// instead, a few times a second when something was written. The WAL is reused from its start once
// a checkpoint has copied all of it, so it stays about as large as a few hundred milliseconds of
// writes.
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

type Sqlite = Database.Database;
import { ServiceWorker } from '../../../workers/service-worker.ts';
import { isWalFile } from './wal-sync.ts';

export type CheckpointRequest = { file: string; op: 'checkpoint' | 'close' };
export type CheckpointResult = { walFrames: number; copied: number };

const worker = new ServiceWorker<CheckpointRequest, CheckpointResult>(
  new URL('./checkpoint-worker.ts', import.meta.url),
);

export type WalCheckpoints = {
  /** Checkpoints now (tests; the timer does it otherwise). */
  runNow(): Promise<CheckpointResult | null>;
  /** Stops the timer and gives checkpoints back to SQLite on the server's connection. */
  stop(): Promise<void>;
};

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export function startWalCheckpoints(
  sqlite: Sqlite,
  options: {
    everyMs?: number;
    startAfterMs?: number;
    log?: (msg: Record<string, unknown>) => void;
  } = {},
): WalCheckpoints {
  const idle: WalCheckpoints = {
    runNow: () => Promise.resolve(null),
    stop: () => Promise.resolve(),
  };
  if (!isWalFile(sqlite)) return idle;
  const file = sqlite.name;
  const walFile = `${file}-wal`;
  sqlite.pragma('wal_autocheckpoint = 0');
  const giveBack = () => sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);

  let running: Promise<CheckpointResult | null> | null = null;
  let lastWrite = -1;
  let stopped = false;
  const checkpoint = (): Promise<CheckpointResult | null> => {
    running ??= worker
      .call({ file, op: 'checkpoint' })
      .catch((error: unknown) => {
        // Never leave the WAL to grow without bound: SQLite checkpoints on commit again.
        options.log?.({ level: 'error', msg: 'WAL checkpoint failed', error: String(error) });
        stopped = true;
        clearInterval(timer);
        giveBack();
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const tick = () => {
    if (performance.now() < quietUntil) return;
    let written: number;
    try {
      written = statSync(walFile).mtimeMs;
    } catch {
      return; // no WAL file yet: nothing written
    }
    if (written === lastWrite || running) return;
    lastWrite = written;
    void checkpoint();
  };
  // The worker thread loads only after start-up, which is busy enough; until then the WAL grows.
  const quietUntil = performance.now() + (options.startAfterMs ?? 5000);
  const timer = setInterval(tick, options.everyMs ?? 250);
  timer.unref();

  return {
    runNow: checkpoint,
    async stop() {
      clearInterval(timer);
      await running;
      if (stopped) return;
      stopped = true;
      giveBack();
      await worker.call({ file, op: 'close' }).catch(() => undefined);
    },
  };
}
