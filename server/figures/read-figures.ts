// Reads the current snapshot of pre-aggregated figures for a scope (campaigns, months, a region to
// drill into) and shapes them for the data page, the dashboard and the report. Every query filters
// on the cells' primary key or (generation, dim, period) index and reads a few thousand rows at most,
// whatever the number of submissions (see the figures benchmark).
import type { Services } from '../services.ts';
import type { CellGrouping, CellRow } from '../store/figures.ts';
import {
  addCounts,
  countKeys,
  definitions,
  figuresOf,
  medianHours,
  zeroCounts,
  type Counts,
  type Figures,
} from './definitions.ts';
import { shown, suppress } from './suppression.ts';

export type Granularity = 'day' | 'week' | 'month';

export type FigureScope = {
  /** null = the whole platform (or, on the dashboard, the caller passes their own campaigns). */
  campaignIds: string[] | null;
  /** Inclusive months, YYYY-MM; null = open-ended. */
  from: string | null;
  to: string | null;
  granularity: Granularity;
  /** Division code to drill into (2 or 4 digits); null = provinces. */
  region: string | null;
  /** Public figures hide small region × topic counts; the owner's dashboard does not. */
  suppress: boolean;
};

/** The current snapshot: its generation and when it was taken; null before the first one. */
export function currentSnapshot(
  s: Services,
): Promise<{ generation: number; takenAt: number } | null> {
  return s.store.replica.figures.current();
}

/** Monday of the ISO week of a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const periodOf = (day: string, g: Granularity) =>
  g === 'day' ? day : g === 'week' ? weekOf(day) : day.slice(0, 7);

type Row = CellRow;
/** Sums of the snapshot's cells of one dimension in the scope, grouped as asked. */
type Rows = (dim: string, groupBy: CellGrouping) => Promise<Row[]>;

export async function readFigures(s: Services, scope: FigureScope) {
  const snapshot = await currentSnapshot(s);
  const generation = snapshot?.generation ?? -1;
  const filter = {
    campaignIds: scope.campaignIds,
    from: scope.from,
    toEnd: scope.to === null ? null : `${scope.to}~`,
  };
  // The same sums are asked for more than once when drilling down: each is read once.
  const read = new Map<string, Promise<Row[]>>();
  const rows: Rows = (dim, groupBy) => {
    const id = `${dim}|${groupBy}`;
    let found = read.get(id);
    if (!found) {
      const region: [string, string] | null =
        dim.startsWith('region') && scope.region ? [scope.region, `${scope.region}~`] : null;
      found = s.store.replica.figures.cells(generation, dim, groupBy, { ...filter, region });
      read.set(id, found);
    }
    return found;
  };

  // Time series and headline from day cells; medians from the reply-time histogram.
  const [days, histogram, hot, split] = await Promise.all([
    rows('day', 'period'),
    s.store.replica.figures.replyTimes(generation, filter),
    hotTopics(s, scope, generation),
    breakdowns(s, scope, rows),
  ]);
  const total = zeroCounts();
  const byPeriod = new Map<string, Counts>();
  for (const d of days) {
    addCounts(total, d);
    const p = periodOf(d.period, scope.granularity);
    byPeriod.set(p, addCounts(byPeriod.get(p) ?? zeroCounts(), d));
  }
  const allTimes = new Map<number, number>();
  const periodTimes = new Map<string, Map<number, number>>();
  for (const h of histogram) {
    allTimes.set(h.bucket, (allTimes.get(h.bucket) ?? 0) + h.n);
    const p = periodOf(h.day, scope.granularity);
    const m = periodTimes.get(p) ?? new Map<number, number>();
    m.set(h.bucket, (m.get(h.bucket) ?? 0) + h.n);
    periodTimes.set(p, m);
  }
  const series = [...byPeriod]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, c]) => ({
      period,
      ...figuresOf(c, medianHours(periodTimes.get(period) ?? [])),
    }));

  return {
    snapshot,
    suppressed: scope.suppress,
    headline: figuresOf(total, medianHours(allTimes)),
    series,
    ...split,
    hotTopics: hot,
    definitions,
  };
}

type Breakdown = {
  key: string;
  name: string;
  published: number | null;
  figures: Figures | null;
};

/** Topic, unit and region breakdowns, with small counts hidden when the scope asks for it. */
async function breakdowns(s: Services, scope: FigureScope, rows: Rows) {
  const topicTitle = (key: string) => {
    if (key === '') return '';
    const campaigns = scope.campaignIds
      ? scope.campaignIds.map((id) => s.campaigns.getById(id)!)
      : s.campaigns.all();
    for (const c of campaigns) {
      const t = c.definition.topics.find((x) => x.key === key);
      if (t) return t.title['zh-CN'];
    }
    return key;
  };
  const level = scope.region ? scope.region.length + 2 : 2;
  // The parent's own row (its topic counts) is the margin of the table being drilled into.
  const [regionRows, parentRows, unitRows, preHidden] = await Promise.all([
    rows(`region${level}`, 'key, topic'),
    scope.region
      ? rows(`region${scope.region.length}`, 'key, topic').then((all) =>
          all.filter((r) => r.key === scope.region),
        )
      : rows('topic', 'topic'),
    rows('unit', 'key'),
    scope.region && scope.suppress ? parentHidden(s, scope, rows) : {},
  ]);
  const topics = [...new Set([...parentRows, ...regionRows].map((r) => r.topic))].sort();
  const regionKeys = [...new Set(regionRows.map((r) => r.key))].sort();
  const cellOf = new Map(regionRows.map((r) => [`${r.key}\u0000${r.topic}`, r]));
  const colCounts = topics.map((t) => {
    const c = zeroCounts();
    for (const r of parentRows) if (r.topic === t) addCounts(c, r);
    return c;
  });
  // What the parent has beyond its listed children (coded only to the parent level) is one more row.
  const rest = topics.map((t, j) => {
    const c = { ...colCounts[j]! };
    for (const k of regionKeys) {
      const r = cellOf.get(`${k}\u0000${t}`);
      if (r) for (const m of countKeys) c[m] -= r[m];
    }
    return c;
  });
  const keys = rest.some((c) => c.published > 0 || c.received > 0)
    ? [...regionKeys, '*']
    : regionKeys;
  const cellCounts = keys.map((k) =>
    topics.map((t, j) => (k === '*' ? rest[j]! : (cellOf.get(`${k}\u0000${t}`) ?? zeroCounts()))),
  );
  const rowCounts = cellCounts.map((row) => row.reduce((a, c) => addCounts(a, c), zeroCounts()));
  const grand = colCounts.reduce((a, c) => addCounts(a, c), zeroCounts());
  const table = {
    cells: cellCounts.map((row) => row.map((c) => c.published)),
    rowTotals: rowCounts.map((c) => c.published),
    colTotals: colCounts.map((c) => c.published),
    total: grand.published,
  };
  const hidden = scope.suppress
    ? suppress(table, preHidden)
    : {
        cells: table.cells.map((r) => r.map(() => false)),
        rowTotals: table.rowTotals.map(() => false),
        colTotals: table.colTotals.map(() => false),
        total: false,
      };
  const regionName = (code: string) => {
    if (code === '') return '';
    if (code === '*') return '*';
    const r = s.regions.get(code);
    if (!r) return code;
    // The data set names some city-level entries 市辖区 or 县: the parent's name reads better.
    return r.name === '市辖区' || r.name === '县'
      ? (s.regions.get(r.parent ?? '')?.name ?? r.name)
      : r.name;
  };
  const entry = (key: string, name: string, c: Counts, isHidden: boolean): Breakdown => ({
    key,
    name,
    published: shown(c.published, isHidden),
    figures: isHidden ? null : figuresOf(c),
  });
  const topicItems = topics.map((t, j) =>
    entry(t, topicTitle(t), colCounts[j]!, hidden.colTotals[j]!),
  );

  const unitTable = {
    cells: [unitRows.map((u) => u.published)],
    rowTotals: [unitRows.reduce((n, u) => n + u.published, 0)],
    colTotals: unitRows.map((u) => u.published),
    total: unitRows.reduce((n, u) => n + u.published, 0),
  };
  const unitHidden = scope.suppress ? suppress(unitTable).colTotals : unitRows.map(() => false);
  const units = unitRows
    .map((u, j) =>
      entry(
        u.key === '' ? '' : (s.orgs.get(u.key)?.code ?? u.key),
        u.key === '' ? '' : (s.orgs.get(u.key)?.name ?? u.key),
        u,
        unitHidden[j]!,
      ),
    )
    .sort((a, b) => (b.published ?? -1) - (a.published ?? -1));

  return {
    topics: topicItems.sort((a, b) => (b.published ?? -1) - (a.published ?? -1)),
    units,
    regions: {
      parent: scope.region ? { code: scope.region, name: regionName(scope.region) } : null,
      level,
      items: keys
        .map((k, i) => ({
          ...entry(k, regionName(k), rowCounts[i]!, hidden.rowTotals[i]!),
          hasChildren:
            k.length > 0 &&
            k.length < 6 &&
            k !== '*' &&
            (s.regions.get(k)?.children.length ?? 0) > 0,
        }))
        .sort((a, b) => (b.published ?? -1) - (a.published ?? -1)),
      matrix: {
        topics: topics.map((t) => ({ key: t, name: topicTitle(t) })),
        rows: keys.map((k, i) => ({
          key: k,
          name: regionName(k),
          cells: cellCounts[i]!.map((c, j) => shown(c.published, hidden.cells[i]![j]!)),
          total: shown(rowCounts[i]!.published, hidden.rowTotals[i]!),
        })),
        totals: colCounts.map((c, j) => shown(c.published, hidden.colTotals[j]!)),
        total: shown(grand.published, hidden.total),
      },
    },
  };
}

/** Which of the parent's topic counts the table one level up hid (recursively up to provinces). */
async function parentHidden(
  s: Services,
  scope: FigureScope,
  rows: Rows,
): Promise<{ colTotals: boolean[]; total: boolean }> {
  const region = scope.region!;
  const up = region.length > 2 ? region.slice(0, region.length - 2) : null;
  const [upper, below, own] = await Promise.all([
    breakdowns(s, { ...scope, region: up }, rows).then((b) => b.regions.matrix),
    rows(`region${region.length + 2}`, 'key, topic'),
    rows(`region${region.length}`, 'key, topic'),
  ]);
  const row = upper.rows.find((r) => r.key === region);
  const topics = [
    ...new Set([...below, ...own.filter((r) => r.key === region)].map((r) => r.topic)),
  ].sort();
  return {
    colTotals: topics.map((t) => {
      const j = upper.topics.findIndex((x) => x.key === t);
      return j >= 0 && row ? row.cells[j] === null : false;
    }),
    total: row ? row.total === null : false,
  };
}

async function hotTopics(s: Services, scope: FigureScope, generation: number) {
  const rows = await s.store.replica.figures.hotTopics(generation, scope.campaignIds);
  return rows.map((h) => ({ ...h, campaign: s.campaigns.getById(h.campaignId)?.slug ?? '' }));
}

export type FiguresResult = Awaited<ReturnType<typeof readFigures>>;
