// Counting the figures of every submission, day by day, into cells (campaign × period × dimension),
// reply-time buckets and cluster tallies: the CPU-heavy half of a snapshot. It runs in a worker
// thread on a reader of its own (see refresh-figures.ts and aggregate-worker.ts), so it never
// holds up requests; the facts come from the store in batches.
import { chinaDate } from '../clock.ts';
import { publicStatuses } from '../submissions/submission-row.ts';
import {
  addCounts,
  countsOf,
  hotTopicWindowMs,
  replyTimeOf,
  type Counts,
  type SubmissionFact,
} from './definitions.ts';

export type Cell = {
  dim: string;
  campaignId: string;
  period: string;
  key: string;
  topic: string;
} & Counts;

export type ClusterTally = {
  campaignId: string;
  people: number;
  lastWeek: number;
  supports: number;
};

export class Accumulator {
  readonly cells = new Map<string, Cell>();
  readonly replyTimes = new Map<string, number>();
  /** Reply times per board: dim, campaign, month, key, bucket → n. */
  readonly boardReplyTimes = new Map<string, number>();
  readonly clusters = new Map<string, ClusterTally>();

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
    const bucket = replyTimeOf(f);
    const boards: [dim: string, key: string][] = [];
    const code = f.regionCode ?? '';
    for (const length of [2, 4, 6]) {
      // A submission coded only to a city has no county row; readers show the rest as "unspecified".
      if (code === '' ? length === 2 : code.length >= length) {
        this.add(`region${length}`, f.campaignId, month, code.slice(0, length), topic, c);
        if (code !== '') boards.push([`region${length}`, code.slice(0, length)]);
      }
    }
    if (f.addresseeId) {
      this.add('addressee', f.campaignId, month, f.addresseeId, '', c);
      boards.push(['addressee', f.addresseeId]);
    }
    if (bucket !== null) {
      const id = `${f.campaignId}\u0000${day}\u0000${bucket}`;
      this.replyTimes.set(id, (this.replyTimes.get(id) ?? 0) + 1);
      for (const [dim, key] of boards) {
        const board = `${dim}\u0000${f.campaignId}\u0000${month}\u0000${key}\u0000${bucket}`;
        this.boardReplyTimes.set(board, (this.boardReplyTimes.get(board) ?? 0) + 1);
      }
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
  boardReplyTimes: [string, number][];
  clusters: [string, ClusterTally][];
  count: number;
};

/**
 * Counts the facts of every submission created up to `takenAt`, batch by batch. `pause` lets an
 * in-process caller yield between batches.
 */
export async function aggregate(
  facts: AsyncIterable<SubmissionFact[]>,
  takenAt: number,
  pause: () => Promise<void> = async () => {},
): Promise<Aggregate> {
  const acc = new Accumulator();
  let count = 0;
  const weekStart = takenAt - hotTopicWindowMs;
  for await (const batch of facts) {
    for (const f of batch) acc.fact(f, weekStart);
    count += batch.length;
    await pause();
  }
  return {
    cells: [...acc.cells.values()],
    replyTimes: [...acc.replyTimes],
    boardReplyTimes: [...acc.boardReplyTimes],
    clusters: [...acc.clusters],
    count,
  };
}
