// Everything the annual big-data report (网上群众工作大数据报告) shows, for the platform or one
// province over a period of months, read from the figures snapshot (a few thousand cells at any
// size) through the one definitions module: messages received and answered, the answer rate, top
// topics beside the same months a year before, regions ranked, the leaders with the most answers,
// the handling units' volume, and the adoption stories published in the period.
import { boardCampaignIds, boardFigures, type BoardPeriod } from '../boards/board-figures.ts';
import { addresseeCard } from '../boards/board-views.ts';
import {
  addCounts,
  figuresOf,
  medianHours,
  zeroCounts,
  type Counts,
  type Figures,
} from '../figures/definitions.ts';
import { currentSnapshot } from '../figures/read-figures.ts';
import { suppress } from '../figures/suppression.ts';
import { monthRange } from '../handling/unit-figures.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { listStories } from '../tracing/story-views.ts';

const yearBefore = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;

/** Sums cells by a key of theirs. */
function sumBy<T extends Counts>(rows: T[], keyOf: (row: T) => string): Map<string, Counts> {
  const sums = new Map<string, Counts>();
  for (const r of rows) sums.set(keyOf(r), addCounts(sums.get(keyOf(r)) ?? zeroCounts(), r));
  return sums;
}

export async function annualReportData(s: Services, region: string | null, period: BoardPeriod) {
  if (region !== null && (region.length !== 2 || !s.regions.get(region)))
    throw new ApiError('not_found', `No province ${region}`);
  const snapshot = await currentSnapshot(s);
  const generation = snapshot?.generation ?? -1;
  const campaignIds = boardCampaignIds(s);
  const cells = s.store.replica.figures;
  const last: BoardPeriod = { from: yearBefore(period.from), to: yearBefore(period.to) };
  const scope = (p: BoardPeriod) => ({
    campaignIds,
    from: p.from,
    toEnd: `${p.to}~`,
    region: region === null ? null : ([region, `${region}~`] as [string, string]),
  });
  // Topics (and the monthly series) of the scope: the province's region2 × topic cells, or the
  // platform's topic cells.
  const topicCells = (p: BoardPeriod) =>
    campaignIds.length === 0
      ? Promise.resolve([])
      : region === null
        ? cells.cells(generation, 'topic', 'topic', scope(p))
        : cells.cells(generation, 'region2', 'key, topic', scope(p));
  const seriesCells = () =>
    campaignIds.length === 0
      ? Promise.resolve([])
      : cells.cells(generation, region === null ? 'topic' : 'region2', 'period', scope(period));
  const inScope = (code: string | null) => region === null || (code ?? '').startsWith(region);
  const addressees = s.addressees.all().filter((a) => inScope(a.regionCode));

  const [headline, before, topicsNow, topicsBefore, series, places, leaders, unitCells, stories] =
    await Promise.all([
      boardFigures(s, period, 'region2', region === null ? { within: '' } : { only: [region] }),
      boardFigures(s, last, 'region2', region === null ? { within: '' } : { only: [region] }),
      topicCells(period),
      topicCells(last),
      seriesCells(),
      boardFigures(
        s,
        period,
        region === null ? 'region2' : 'region4',
        region === null ? { only: s.regions.provinces } : { within: region },
      ),
      boardFigures(s, period, 'addressee', { only: addressees.map((a) => a.id) }),
      campaignIds.length === 0
        ? Promise.resolve([])
        : cells.cells(generation, 'unit', 'key', { ...scope(period), region: null }),
      listStories(s, null, { campaignId: null, drafts: false }),
    ]);

  // The platform's totals: every province's cells summed; its median from the platform's own
  // reply-time histogram (a median of medians would be wrong).
  const platformMedian = async (p: BoardPeriod) =>
    medianHours(
      (campaignIds.length === 0
        ? []
        : await cells.replyTimes(generation, { campaignIds, from: p.from, toEnd: `${p.to}~` })
      ).map((h) => [h.bucket, h.n] as [number, number]),
    );
  const total = async (m: Map<string, Figures>, p: BoardPeriod): Promise<Figures> => {
    const sum = zeroCounts();
    for (const f of m.values()) addCounts(sum, f);
    return figuresOf(sum, await platformMedian(p));
  };

  // Top topics now and a year before; a province's topic counts hide small ones (as the data
  // page does for region × topic), a lone hidden one with its smallest neighbour.
  const topicNames = new Map<string, string>();
  for (const id of campaignIds)
    for (const t of s.campaigns.getById(id)!.definition.topics)
      topicNames.set(t.key, t.title['zh-CN']);
  const now = sumBy(topicsNow, (r) => r.topic);
  const then = sumBy(topicsBefore, (r) => r.topic);
  const ranked = [...now].sort(([, a], [, b]) => b.published - a.published);
  const published = ranked.map(([, c]) => c.published);
  const all = published.reduce((a, b) => a + b, 0);
  const hidden =
    region === null
      ? published.map(() => false)
      : suppress({
          cells: published.map((n) => [n]),
          rowTotals: published,
          colTotals: [all],
          total: all,
        }).rowTotals;
  const topics = ranked.map(([key, c], i) => ({
    key,
    name: topicNames.get(key) ?? (key || '未分类'),
    published: hidden[i] ? null : c.published,
    lastYear: hidden[i] ? null : (then.get(key)?.published ?? 0),
    replyRate: hidden[i] ? null : figuresOf(c).replyRate,
  }));

  const monthly = sumBy(series, (r) => r.period);
  const units = [...sumBy(unitCells, (r) => r.key)]
    .map(([id, c]) => ({ unit: s.orgs.get(id), figures: figuresOf(c) }))
    .filter((u) => u.unit && inScope(u.unit.regionCode))
    .sort((a, b) => b.figures.published - a.figures.published)
    .slice(0, 12)
    .map((u) => ({ name: u.unit!.name, code: u.unit!.code, figures: u.figures }));
  const [from, to] = [monthRange(period.from)[0], monthRange(period.to)[1]];

  return {
    scope: region === null ? null : { code: region, name: s.regions.get(region)!.name },
    period,
    lastYear: last,
    takenAt: snapshot?.takenAt ?? null,
    generatedAt: s.clock.now(),
    headline:
      region === null ? await total(headline.figures, period) : headline.figures.get(region)!,
    headlineLastYear:
      region === null ? await total(before.figures, last) : before.figures.get(region)!,
    series: [...monthly]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, c]) => ({ period: month, ...figuresOf(c) })),
    topics,
    regions: [...places.figures]
      .filter(([, f]) => f.published > 0)
      .map(([code, f]) => ({ code, name: s.regions.get(code)?.name ?? code, figures: f }))
      .sort((a, b) => b.figures.published - a.figures.published),
    leaders: addressees
      .map((a) => ({ addressee: addresseeCard(s, a), figures: leaders.figures.get(a.id)! }))
      .filter((l) => l.figures.replied > 0)
      .sort((a, b) => b.figures.replied - a.figures.replied)
      .slice(0, 10),
    units,
    stories: stories
      .filter((st) => st.publishedAt !== null && st.publishedAt >= from && st.publishedAt < to)
      .slice(0, 6)
      .map((st) => ({ id: st.id, title: st.title, body: st.body, publishedAt: st.publishedAt })),
  };
}

export type AnnualReportData = Awaited<ReturnType<typeof annualReportData>>;
