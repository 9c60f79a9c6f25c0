// The figures of leadership boards (a region's, an addressee's) from the current snapshot: the
// same additive cells and definitions as the data page (server/figures/definitions.ts), summed
// over the message-board campaigns and a period of months. Reads a few thousand cells at most,
// whatever the number of messages.
import { chinaDate } from '../clock.ts';
import { currentSnapshot } from '../figures/read-figures.ts';
import {
  addCounts,
  definitions,
  figuresOf,
  medianHours,
  zeroCounts,
  type Counts,
  type Figures,
} from '../figures/definitions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';

/** Inclusive months, YYYY-MM. */
export type BoardPeriod = { from: string; to: string };

const month = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The period asked for, or the twelve months to the current one (China time). */
export function boardPeriod(
  s: Services,
  from: string | undefined,
  to: string | undefined,
): BoardPeriod {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (value !== undefined && !month.test(value))
      throw new ApiError('validation_failed', 'Months are written YYYY-MM', {
        fields: { [field]: 'write YYYY-MM' },
      });
  const end = to ?? chinaDate(s.clock.now()).slice(0, 7);
  const [y, m] = end.split('-').map(Number) as [number, number];
  const start = from ?? `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, '0')}`;
  if (start > end)
    throw new ApiError('validation_failed', 'The period ends before it starts', {
      fields: { from: 'not after to' },
    });
  return { from: start, to: end };
}

/** The campaigns whose messages boards count: the standing message boards. */
export function boardCampaignIds(s: Services): string[] {
  return s.campaigns
    .all()
    .filter((c) => c.definition.kind === 'message-board')
    .map((c) => c.id);
}

const shownDefinitions = [
  'period',
  'published',
  'replied',
  'replyRate',
  'onTimeRate',
  'satisfactionRate',
  'medianHoursToReply',
] as const;

/** What every board answer states about its figures: the period, the snapshot, the meanings. */
export type BoardFrame = {
  period: BoardPeriod;
  takenAt: number | null;
  definitions: Pick<typeof definitions, (typeof shownDefinitions)[number]>;
};

export type BoardDim = 'region2' | 'region4' | 'region6' | 'addressee';

/**
 * Figures per key of one board dimension (region2/4/6 by division code, addressee by id) in the
 * period: counts from the snapshot's cells, medians from its board reply-time histogram. Keys are
 * those under a division code (`within`) and/or exactly the listed ones (`only`, zero when
 * silent); both narrow the cells read in SQL.
 */
export async function boardFigures(
  s: Services,
  period: BoardPeriod,
  dim: BoardDim,
  keys: { within: string; only?: string[] } | { within?: string; only: string[] },
): Promise<{ frame: BoardFrame; figures: Map<string, Figures> }> {
  const snapshot = await currentSnapshot(s);
  const generation = snapshot?.generation ?? -1;
  const campaignIds = boardCampaignIds(s);
  const filter = { campaignIds, from: period.from, toEnd: `${period.to}~` };
  const store = s.store.replica.figures;
  const region: [string, string] | null =
    keys.within !== undefined ? [keys.within, `${keys.within}~`] : null;
  const wanted = keys.only ? new Set(keys.only) : null;
  const cells =
    campaignIds.length === 0 || wanted?.size === 0
      ? []
      : await store.cells(generation, dim, 'key', { ...filter, region, keys: keys.only });
  const counts = new Map<string, Counts>();
  for (const c of cells) {
    if (wanted && !wanted.has(c.key)) continue;
    counts.set(c.key, addCounts(counts.get(c.key) ?? zeroCounts(), c));
  }
  for (const key of wanted ?? []) if (!counts.has(key)) counts.set(key, zeroCounts());
  const histogram =
    campaignIds.length === 0
      ? []
      : await store.boardReplyTimes(generation, dim, [...counts.keys()], filter);
  const times = new Map<string, Map<number, number>>();
  for (const h of histogram) {
    const m = times.get(h.key) ?? new Map<number, number>();
    m.set(h.bucket, (m.get(h.bucket) ?? 0) + h.n);
    times.set(h.key, m);
  }
  return {
    frame: {
      period,
      takenAt: snapshot?.takenAt ?? null,
      definitions: Object.fromEntries(
        shownDefinitions.map((k) => [k, definitions[k]]),
      ) as BoardFrame['definitions'],
    },
    figures: new Map(
      [...counts].map(([key, c]) => [key, figuresOf(c, medianHours(times.get(key) ?? []))]),
    ),
  };
}
