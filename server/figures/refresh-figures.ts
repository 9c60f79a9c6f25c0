// Builds a new generation of pre-aggregated figures from the base tables: the counting runs in a
// worker thread (aggregate.ts, 30 s of CPU at 1M submissions), the writing here in small
// transactions with pauses, so the server keeps answering throughout. Readers switch to the new
// generation only once it is complete (figure_snapshots.finished_at), so they never see a
// half-built snapshot.
import type { Services } from '../services.ts';
import { runInWorker } from '../workers/run-in-worker.ts';
import { aggregate, type Aggregate } from './aggregate.ts';
import { countKeys } from './definitions.ts';

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

let running: Promise<number> | null = null;

/** Refreshes the figures (one refresh at a time; a second caller waits for the running one). */
export function refreshFigures(s: Services): Promise<number> {
  running ??= build(s).finally(() => {
    running = null;
  });
  return running;
}

async function build(s: Services): Promise<number> {
  const db = s.sqlite;
  const takenAt = s.clock.now();
  const generation =
    ((db.prepare('select max(generation) from figure_snapshots').pluck().get() as number | null) ??
      0) + 1;
  db.prepare('insert into figure_snapshots (generation, taken_at) values (?, ?)').run(
    generation,
    takenAt,
  );
  // A file database is counted in a worker thread on its own read-only connection; an in-memory
  // one (tests) only exists on this connection, so it is counted here, yielding between days.
  const counted =
    s.config.HUIYIN_DB === ':memory:'
      ? await aggregate(db, takenAt, pause)
      : await runInWorker<Aggregate>(new URL('./aggregate-worker.ts', import.meta.url), {
          file: s.config.HUIYIN_DB,
          takenAt,
        });
  await write(s, generation, counted);
  db.prepare(
    'update figure_snapshots set finished_at = ?, submissions = ? where generation = ?',
  ).run(s.clock.now(), counted.count, generation);
  await dropOlder(s, generation);
  return generation;
}

/** Inserts in transactions of a few thousand rows, pausing between them. */
async function inChunks<T>(s: Services, rows: Iterable<T>, insert: (row: T) => void) {
  let batch: T[] = [];
  const flush = s.sqlite.transaction((items: T[]) => items.forEach(insert));
  for (const row of rows) {
    batch.push(row);
    if (batch.length === 5000) {
      flush(batch);
      batch = [];
      await pause();
    }
  }
  if (batch.length) flush(batch);
}

async function write(s: Services, generation: number, acc: Aggregate) {
  const db = s.sqlite;
  const cell = db.prepare(
    `insert into figure_cells (generation, dim, campaign_id, period, key, topic, ${countKeys.map((k) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)).join(', ')})
     values (?, ?, ?, ?, ?, ?, ${countKeys.map(() => '?').join(', ')})`,
  );
  await inChunks(s, acc.cells, (c) =>
    cell.run(
      generation,
      c.dim,
      c.campaignId,
      c.period,
      c.key,
      c.topic,
      ...countKeys.map((k) => c[k]),
    ),
  );
  const time = db.prepare(
    'insert into figure_reply_times (generation, campaign_id, day, bucket, n) values (?, ?, ?, ?, ?)',
  );
  await inChunks(s, acc.replyTimes, ([id, n]) => {
    const [campaignId, day, bucket] = id.split('\u0000') as [string, string, string];
    time.run(generation, campaignId, day, Number(bucket), n);
  });
  const titles = new Map(
    (
      db.prepare('select id, title, phrases from clusters where merged_into is null').all() as {
        id: string;
        title: string | null;
        phrases: string;
      }[]
    ).map((c) => [c.id, c.title ?? (JSON.parse(c.phrases) as string[]).join(' · ')]),
  );
  const hot = db.prepare(
    'insert into figure_hot_topics (generation, campaign_id, cluster_id, title, people, last_week, supports) values (?, ?, ?, ?, ?, ?, ?)',
  );
  await inChunks(
    s,
    [...acc.clusters].filter(([id]) => titles.has(id)),
    ([id, k]) =>
      hot.run(generation, k.campaignId, id, titles.get(id)!, k.people, k.lastWeek, k.supports),
  );
}

/** Removes older generations a few thousand rows at a time, so no single delete blocks for long. */
async function dropOlder(s: Services, generation: number) {
  for (const table of ['figure_cells', 'figure_reply_times', 'figure_hot_topics']) {
    const del = s.sqlite.prepare(
      `delete from ${table} where rowid in (select rowid from ${table} where generation < ? limit 5000)`,
    );
    while (del.run(generation).changes > 0) await pause();
  }
  s.sqlite.prepare('delete from figure_snapshots where generation < ?').run(generation);
}
