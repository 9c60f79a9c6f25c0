// Builds a new generation of pre-aggregated figures from the base tables: the counting runs in a
// worker thread (aggregate.ts, 30 s of CPU at 1M submissions) on a reader of its own, the writing
// here in small transactions with pauses, so the server keeps answering throughout. Readers
// switch to the new generation only once it is complete (figure_snapshots.finished_at), so they
// never see a half-built snapshot.
import type { Services } from '../services.ts';
import type { FigureTable } from '../store/figures.ts';
import type { Tx } from '../store/store.ts';
import { runInWorker } from '../workers/run-in-worker.ts';
import { aggregate, type Aggregate } from './aggregate.ts';
import { adoptedStatuses } from './definitions.ts';

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows written per transaction. */
const chunk = 5000;

let running: Promise<number> | null = null;

/** Refreshes the figures (one refresh at a time; a second caller waits for the running one). */
export function refreshFigures(s: Services): Promise<number> {
  running ??= build(s).finally(() => {
    running = null;
  });
  return running;
}

/** The new generation and when it was taken. */
export async function refreshFiguresNow(
  s: Services,
): Promise<{ generation: number; takenAt: number }> {
  const generation = await refreshFigures(s);
  return { generation, takenAt: (await s.store.figures.takenAtOf(generation))! };
}

async function count(s: Services, takenAt: number): Promise<Aggregate> {
  const address = s.store.db.address;
  // An in-memory database only exists on the server's own connection: it is counted here,
  // yielding between days. Any other is counted in a worker thread on a reader of its own.
  if (address.engine === 'sqlite' && address.file === ':memory:')
    return aggregate(s.store.figures.factsByDay(takenAt, adoptedStatuses), takenAt, pause);
  return runInWorker<Aggregate>(new URL('./aggregate-worker.ts', import.meta.url), {
    address,
    takenAt,
  });
}

async function build(s: Services): Promise<number> {
  const takenAt = s.clock.now();
  const generation = await s.store.write((tx) => tx.figures.begin(takenAt));
  const counted = await count(s, takenAt);
  await write(s, generation, counted);
  const finishedAt = s.clock.now();
  await s.store.write((tx) => tx.figures.finish(generation, finishedAt, counted.count));
  await dropOlder(s, generation);
  await s.store.figures.analyze();
  return generation;
}

/** Writes rows in transactions of a few thousand, pausing between them. */
async function inChunks<T>(
  s: Services,
  rows: readonly T[],
  insert: (tx: Tx, rows: T[]) => Promise<void>,
) {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await s.store.write((tx) => insert(tx, part));
    await pause();
  }
}

async function write(s: Services, generation: number, acc: Aggregate) {
  await inChunks(s, acc.cells, (tx, cells) => tx.figures.insertCells(generation, cells));
  const times = acc.replyTimes.map(([id, n]) => {
    const [campaignId, day, bucket] = id.split('\u0000') as [string, string, string];
    return { campaignId, day, bucket: Number(bucket), n };
  });
  await inChunks(s, times, (tx, rows) => tx.figures.insertReplyTimes(generation, rows));
  const boardTimes = acc.boardReplyTimes.map(([id, n]) => {
    const [dim, campaignId, period, key, bucket] = id.split('\u0000') as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { dim, campaignId, period, key, bucket: Number(bucket), n };
  });
  await inChunks(s, boardTimes, (tx, rows) => tx.figures.insertBoardReplyTimes(generation, rows));
  const titles = await s.store.figures.clusterTitles();
  const hot = acc.clusters
    .filter(([id]) => titles.has(id))
    .map(([clusterId, k]) => ({
      campaignId: k.campaignId,
      clusterId,
      title: titles.get(clusterId)!,
      people: k.people,
      lastWeek: k.lastWeek,
      supports: k.supports,
    }));
  await inChunks(s, hot, (tx, rows) => tx.figures.insertHotTopics(generation, rows));
}

/** Removes older generations a few thousand rows at a time, so no single delete blocks for long. */
async function dropOlder(s: Services, generation: number) {
  const tables: FigureTable[] = [
    'figure_cells',
    'figure_reply_times',
    'figure_board_reply_times',
    'figure_hot_topics',
  ];
  for (const table of tables) {
    while ((await s.store.write((tx) => tx.figures.dropOlderChunk(table, generation))) > 0)
      await pause();
  }
  await s.store.write((tx) => tx.figures.dropOlderSnapshots(generation));
}
