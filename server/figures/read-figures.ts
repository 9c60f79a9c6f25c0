// Reads the current snapshot of pre-aggregated figures for a scope (campaigns, months, a region to
// drill into) and shapes them for the data page, the dashboard and the report. Every query filters
// on the cells' primary key or (generation, dim, period) index and reads a few thousand rows at most,
// whatever the number of submissions (see the figures benchmark).
import type { Services } from '../services.ts';
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

const columns = countKeys
  .map((k) => `sum(${k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}) as ${k}`)
  .join(', ');

export function currentSnapshot(s: Services): { generation: number; takenAt: number } | null {
  return (
    (s.sqlite
      .prepare(
        'select generation, taken_at as takenAt from figure_snapshots where finished_at is not null order by generation desc limit 1',
      )
      .get() as { generation: number; takenAt: number } | undefined) ?? null
  );
}

/** Monday of the ISO week of a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const periodOf = (day: string, g: Granularity) =>
  g === 'day' ? day : g === 'week' ? weekOf(day) : day.slice(0, 7);

type Row = Counts & { period: string; key: string; topic: string };

function where(scope: FigureScope, dim: string, periodColumn = 'period') {
  const parts = ['generation = @generation', `dim = '${dim}'`];
  if (scope.campaignIds) parts.push('campaign_id in (select value from json_each(@campaigns))');
  // Day periods compare as strings too: '2026-03' <= '2026-03-15' < '2026-03~'.
  if (scope.from) parts.push(`${periodColumn} >= @from`);
  if (scope.to) parts.push(`${periodColumn} < @toEnd`);
  return parts.join(' and ');
}

export function readFigures(s: Services, scope: FigureScope) {
  const snapshot = currentSnapshot(s);
  const params = {
    generation: snapshot?.generation ?? -1,
    campaigns: scope.campaignIds ? JSON.stringify(scope.campaignIds) : null,
    from: scope.from ?? '',
    toEnd: `${scope.to ?? ''}~`,
  };
  const rows = (dim: string, groupBy: string) =>
    s.sqlite
      .prepare(
        `select ${groupBy === 'period' ? 'period' : "''"} as period, ${groupBy === 'key' || groupBy === 'key, topic' ? 'key' : "''"} as key,
           ${groupBy.includes('topic') ? 'topic' : "''"} as topic, ${columns}
         from figure_cells where ${where(scope, dim)} ${dim.startsWith('region') && scope.region ? 'and key >= @region and key < @regionEnd' : ''}
         group by ${groupBy}`,
      )
      .all({ ...params, region: scope.region ?? '', regionEnd: `${scope.region ?? ''}~` }) as Row[];

  // Time series and headline from day cells; medians from the reply-time histogram.
  const days = rows('day', 'period');
  const histogram = s.sqlite
    .prepare(
      `select day, bucket, sum(n) as n from figure_reply_times
       where generation = @generation ${scope.campaignIds ? 'and campaign_id in (select value from json_each(@campaigns))' : ''}
       ${scope.from ? 'and day >= @from' : ''} ${scope.to ? 'and day < @toEnd' : ''} group by day, bucket`,
    )
    .all(params) as { day: string; bucket: number; n: number }[];
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
    ...breakdowns(s, scope, rows),
    hotTopics: hotTopics(s, scope, params.generation),
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
function breakdowns(
  s: Services,
  scope: FigureScope,
  rows: (dim: string, groupBy: string) => Row[],
) {
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
  const regionRows = rows(`region${level}`, 'key, topic');
  // The parent's own row (its topic counts) is the margin of the table being drilled into.
  const parentRows = scope.region
    ? rows(`region${scope.region.length}`, 'key, topic').filter((r) => r.key === scope.region)
    : rows('topic', 'topic');
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
  const preHidden = scope.region && scope.suppress ? parentHidden(s, scope, rows) : {};
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

  const unitRows = rows('unit', 'key');
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
function parentHidden(
  s: Services,
  scope: FigureScope,
  rows: (dim: string, groupBy: string) => Row[],
): { colTotals: boolean[]; total: boolean } {
  const region = scope.region!;
  const up = region.length > 2 ? region.slice(0, region.length - 2) : null;
  const upper = breakdowns(s, { ...scope, region: up }, rows).regions.matrix;
  const row = upper.rows.find((r) => r.key === region);
  const level = region.length + 2;
  const topics = [
    ...new Set(
      [
        ...rows(`region${level}`, 'key, topic'),
        ...rows(`region${region.length}`, 'key, topic').filter((r) => r.key === region),
      ].map((r) => r.topic),
    ),
  ].sort();
  return {
    colTotals: topics.map((t) => {
      const j = upper.topics.findIndex((x) => x.key === t);
      return j >= 0 && row ? row.cells[j] === null : false;
    }),
    total: row ? row.total === null : false,
  };
}

function hotTopics(s: Services, scope: FigureScope, generation: number) {
  return (
    s.sqlite
      .prepare(
        `select h.cluster_id as id, h.campaign_id as campaignId, h.title, h.people, h.last_week as lastWeek, h.supports
         from figure_hot_topics h where h.generation = ?
         ${scope.campaignIds ? 'and h.campaign_id in (select value from json_each(?))' : ''}
         order by h.last_week desc, h.people desc limit 10`,
      )
      .all(generation, ...(scope.campaignIds ? [JSON.stringify(scope.campaignIds)] : [])) as {
      id: string;
      campaignId: string;
      title: string;
      people: number;
      lastWeek: number;
      supports: number;
    }[]
  ).map((h) => ({ ...h, campaign: s.campaigns.getById(h.campaignId)?.slug ?? '' }));
}

export type FiguresResult = ReturnType<typeof readFigures>;
