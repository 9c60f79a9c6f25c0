// Durability of a commit without blocking the event loop on the disk.
//
// In WAL mode a commit writes its frames to the -wal file; synchronous=FULL then fsyncs that file
// before the commit returns, which on this machine is about 3 ms of a blocked event loop per group
// commit (an eighth of the request thread's time under load). A group commit instead runs with
// synchronous=NORMAL (frames written, not yet synced) and then calls fdatasync on the -wal file on
// libuv's thread pool; the writers of that batch are answered only after it returns. fdatasync
// flushes the file, not the descriptor, so every frame written before the call is on disk after
// it: the same guarantee FULL gives, paid off the loop. A checkpoint under NORMAL syncs the WAL
// before copying it into the database, so frames never leave the WAL unsynced.
//
// What it changes: a committed batch is readable by other requests for the few milliseconds before
// its sync returns. After a power cut in that window the batch (and only later batches, never an
// earlier one: WAL recovery keeps a prefix of commits) is gone, but nobody was told it was stored.
import { fdatasync, open } from 'node:fs';
import type Database from 'better-sqlite3';

type Sqlite = Database.Database;

export type WalSync = {
  /** Resolves once everything committed before the call is on disk. */
  afterCommit(): Promise<void>;
  /** Runs `commit` with synchronous=NORMAL (the sync is `afterCommit`'s job). */
  withoutSync<T>(commit: () => T): T;
};

type Waiters = { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void };

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Test seam: how a file descriptor is synced (fdatasync on the thread pool by default). */
export type SyncFile = (fd: number, done: (error: Error | null) => void) => void;

/**
 * A syncer for a file database in WAL mode, or null (in-memory database, other journal modes):
 * then commits keep the connection's own synchronous setting.
 */
/** A database file in WAL mode (not in memory, not another journal mode). */
export const isWalFile = (sqlite: Sqlite) =>
  !sqlite.memory && String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';

export function walSyncFor(sqlite: Sqlite, syncFile: SyncFile = fdatasync): WalSync | null {
  if (!isWalFile(sqlite)) return null;
  const walFile = `${sqlite.name}-wal`;

  // The -wal file exists for as long as a connection is open (SQLite removes it only when the
  // last one closes), so one descriptor, opened at the first sync, serves the whole run.
  let fd: Promise<number> | undefined;
  const descriptor = () =>
    (fd ??= new Promise<number>((resolve, reject) =>
      open(walFile, 'r+', (error, opened) => (error ? reject(error) : resolve(opened))),
    ));

  // One sync at a time. Commits that arrive while one runs share the next, which starts after it:
  // a sync covers only what was written before it began.
  let running = false;
  let next: Waiters | null = null;

  function start(group: Waiters): void {
    running = true;
    descriptor()
      .then(
        (handle) =>
          new Promise<void>((resolve, reject) =>
            syncFile(handle, (error) => (error ? reject(error) : resolve())),
          ),
      )
      .then(group.resolve, (error: unknown) => {
        fd = undefined; // reopen next time: the failure may have been the descriptor's
        group.reject(error);
      })
      .finally(() => {
        running = false;
        if (next) {
          const queued = next;
          next = null;
          start(queued);
        }
      });
  }

  return {
    afterCommit() {
      if (!running) {
        const group = waiters();
        start(group);
        return group.promise;
      }
      next ??= waiters();
      return next.promise;
    },
    withoutSync(commit) {
      // Through .pragma() each time, not a prepared statement: SQLite applies this pragma while
      // compiling it, so re-running a prepared one does nothing (twice per batch, a few µs).
      sqlite.pragma('synchronous = NORMAL');
      try {
        return commit();
      } finally {
        sqlite.pragma('synchronous = FULL');
      }
    },
  };
}
