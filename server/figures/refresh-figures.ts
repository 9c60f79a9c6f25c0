// Builds a new generation of pre-aggregated figures from the base tables, one received-day at a
// time, yielding to the event loop between days so the server keeps answering while a large
// platform (1M submissions) is counted. Readers switch to the new generation only once it is
// complete (figure_snapshots.finished_at), so they never see a half-built snapshot.
import { submissionStatuses } from '../../schema/states.ts';
import { chinaDate } from '../clock.ts';
import type { Services } from '../services.ts';
import {
  addCounts,
  countKeys,
  countsOf,
  hotTopicWindowMs,
  replyTimeOf,
  submissionFactsSql,
  type Counts,
  type SubmissionFact,
} from './definitions.ts';
import { publicStatuses } from '../submissions/submission-row.ts';

const dayMs = 86_400_000;
const chinaOffsetMs = 8 * 3_600_000;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Start of the China-time day containing `ms`. */
export function chinaDayStart(ms: number): number {
  return Math.floor((ms + chinaOffsetMs) / dayMs) * dayMs - chinaOffsetMs;
}

type Cell = {
  dim: string;
  campaignId: string;
  period: string;
  key: string;
  topic: string;
} & Counts;

class Accumulator {
  readonly cells = new Map<string, Cell>();
  readonly replyTimes = new Map<string, number>();
  readonly clusters = new Map<
    string,
    { campaignId: string; people: number; lastWeek: number; supports: number }
  >();

  add(dim: string, campaignId: string, period: string, key: string, topic: string, c: Counts) {
    const id = `${dim}\u0000${campaignId}\u0000${period}\u0000${key}\u0000${topic}`;
    let cell = this.cells.get(id);
    if (!cell) {
      cell = { dim, campaignId, period, key, topic, ...c };
      this.cells.set(id, cell);
    } else addCounts(cell, c);
  }

  fact(f: SubmissionFact, weekStart: number) {
    const c = countsOf(f);
    const day = chinaDate(f.createdAt);
    const month = day.slice(0, 7);
    const topic = f.topic ?? '';
    this.add('day', f.campaignId, day, '', '', c);
    this.add('topic', f.campaignId, month, '', topic, c);
    this.add('unit', f.campaignId, month, f.unitId ?? '', '', c);
    const code = f.regionCode ?? '';
    for (const length of [2, 4, 6]) {
      // A submission coded only to a city has no county row; readers show the rest as "unspecified".
      if (code === '' ? length === 2 : code.length >= length)
        this.add(`region${length}`, f.campaignId, month, code.slice(0, length), topic, c);
    }
    const bucket = replyTimeOf(f);
    if (bucket !== null) {
      const id = `${f.campaignId}\u0000${day}\u0000${bucket}`;
      this.replyTimes.set(id, (this.replyTimes.get(id) ?? 0) + 1);
    }
    if (f.clusterId && (publicStatuses as readonly string[]).includes(f.status)) {
      const k = this.clusters.get(f.clusterId) ?? {
        campaignId: f.campaignId,
        people: 0,
        lastWeek: 0,
        supports: 0,
      };
      k.people += 1;
      k.supports += f.supportCount;
      if ((f.publishedAt ?? 0) >= weekStart) k.lastWeek += 1;
      this.clusters.set(f.clusterId, k);
    }
  }
}

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
  // Earliest submission, per status so each lookup is one step down the (status, created_at) index.
  const firsts = submissionStatuses
    .map(
      (st) =>
        db.prepare('select min(created_at) from submissions where status = ?').pluck().get(st) as
          number | null,
    )
    .filter((t): t is number => t !== null);
  const acc = new Accumulator();
  const facts = db.prepare(submissionFactsSql);
  let count = 0;
  const weekStart = takenAt - hotTopicWindowMs;
  if (firsts.length) {
    for (let day = chinaDayStart(Math.min(...firsts)); day <= takenAt; day += dayMs) {
      for (const f of facts.iterate(
        day,
        Math.min(day + dayMs, takenAt + 1),
      ) as Iterable<SubmissionFact>) {
        acc.fact(f, weekStart);
        count += 1;
      }
      await pause();
    }
  }
  await write(s, generation, acc);
  db.prepare(
    'update figure_snapshots set finished_at = ?, submissions = ? where generation = ?',
  ).run(s.clock.now(), count, generation);
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

async function write(s: Services, generation: number, acc: Accumulator) {
  const db = s.sqlite;
  const cell = db.prepare(
    `insert into figure_cells (generation, dim, campaign_id, period, key, topic, ${countKeys.map((k) => k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)).join(', ')})
     values (?, ?, ?, ?, ?, ?, ${countKeys.map(() => '?').join(', ')})`,
  );
  await inChunks(s, acc.cells.values(), (c) =>
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
