// Counting the figures of every submission, day by day, into cells (campaign × period × dimension),
// reply-time buckets and cluster tallies: the CPU-heavy half of a snapshot. It runs in a worker
// thread on its own read-only connection (see refresh-figures.ts), so it never holds up requests.
import type Database from 'better-sqlite3';
import { submissionStatuses } from '../../schema/states.ts';
import { chinaDate } from '../clock.ts';
import { publicStatuses } from '../submissions/submission-row.ts';
import {
  addCounts,
  countsOf,
  hotTopicWindowMs,
  replyTimeOf,
  submissionFactsSql,
  type Counts,
  type SubmissionFact,
} from './definitions.ts';

const dayMs = 86_400_000;
const chinaOffsetMs = 8 * 3_600_000;

/** Start of the China-time day containing `ms`. */
export function chinaDayStart(ms: number): number {
  return Math.floor((ms + chinaOffsetMs) / dayMs) * dayMs - chinaOffsetMs;
}

export type Cell = {
  dim: string;
  campaignId: string;
  period: string;
  key: string;
  topic: string;
} & Counts;

export class Accumulator {
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

/** What a snapshot counted, in a form a worker can post back. */
export type Aggregate = {
  cells: Cell[];
  replyTimes: [string, number][];
  clusters: [string, { campaignId: string; people: number; lastWeek: number; supports: number }][];
  count: number;
};

/**
 * Counts every submission created up to `takenAt`, one China day at a time (each day is one step
 * down the created_at index). `pause` lets an in-process caller yield between days.
 */
export async function aggregate(
  db: Database.Database,
  takenAt: number,
  pause: () => Promise<void> = async () => {},
): Promise<Aggregate> {
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
  return {
    cells: [...acc.cells.values()],
    replyTimes: [...acc.replyTimes],
    clusters: [...acc.clusters],
    count,
  };
}
