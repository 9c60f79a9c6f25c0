import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  figuresOf,
  medianHours,
  rate,
  replyBucket,
  zeroCounts,
} from '../../../server/figures/definitions.ts';
import { readFigures, weekOf, type FigureScope } from '../../../server/figures/read-figures.ts';
import { refreshFigures } from '../../../server/figures/refresh-figures.ts';
import { unitPeriod } from '../../../server/figures/unit-period.ts';
import { query } from '../../support/sql.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { hour, monday, scenario, unitId } from './fixture.ts';

describe('definitions on their own', () => {
  it('rates have three decimals and are null without a denominator', () => {
    expect(rate(2, 3)).toBe(0.667);
    expect(rate(0, 0)).toBeNull();
    expect(figuresOf(zeroCounts()).replyRate).toBeNull();
  });

  it('reply times are whole hours below 72 h and whole days beyond', () => {
    expect(replyBucket(59 * 60_000)).toBe(0);
    expect(replyBucket(71.9 * hour)).toBe(71);
    expect(replyBucket(72 * hour)).toBe(72);
    expect(replyBucket(100 * hour)).toBe(96);
  });

  it('the median is the ⌈n/2⌉-th shortest', () => {
    expect(medianHours([])).toBeNull();
    expect(medianHours([[5, 1]])).toBe(5);
    expect(
      medianHours([
        [10, 1],
        [50, 1],
        [96, 1],
      ]),
    ).toBe(50);
    expect(
      medianHours([
        [96, 2],
        [10, 2],
      ]),
    ).toBe(10);
  });

  it('weeks start on Monday', () => {
    expect(weekOf('2026-11-08')).toBe('2026-11-02');
    expect(weekOf('2026-11-02')).toBe('2026-11-02');
  });
});

describe('figures of a hand-checked campaign', () => {
  let t: TestApp;
  const scope: FigureScope = {
    campaignIds: null,
    from: null,
    to: null,
    granularity: 'day',
    region: null,
    suppress: false,
  };
  beforeEach(async () => {
    t = await createTestApp({ now: monday + 10 * 24 * hour });
    await scenario(t);
  });
  afterEach(() => t.close());

  it('counts every headline figure as the definitions say', async () => {
    await refreshFigures(t.services);
    const f = await readFigures(t.services, scope);
    expect(f.snapshot?.takenAt).toBe(monday + 10 * 24 * hour);
    expect(f.headline).toMatchObject({
      received: 6,
      published: 4,
      replied: 3,
      replyRate: 0.75,
      unitReplied: 2,
      onTime: 1,
      onTimeRate: 0.5,
      satisfied: 1,
      basically: 1,
      unsatisfied: 1,
      rated: 3,
      satisfactionRate: 0.667,
      adopted: 1,
      adoptionRate: 0.25,
      medianHoursToReply: 50,
    });
  });

  it('groups by received day, week and month', async () => {
    await refreshFigures(t.services);
    const byDay = (await readFigures(t.services, scope)).series;
    expect(byDay.map((p) => [p.period, p.received, p.published, p.replied])).toEqual([
      ['2026-11-02', 2, 2, 2],
      ['2026-11-03', 3, 2, 1],
      ['2026-11-04', 1, 0, 0],
    ]);
    expect(byDay[0]!.medianHoursToReply).toBe(10);
    const byWeek = (await readFigures(t.services, { ...scope, granularity: 'week' })).series;
    expect(byWeek.map((p) => [p.period, p.received])).toEqual([['2026-11-02', 6]]);
    const byMonth = await readFigures(t.services, {
      ...scope,
      granularity: 'month',
      from: '2026-12',
    });
    expect(byMonth.series).toEqual([]);
  });

  it('breaks down by topic, unit and region (province → city → county)', async () => {
    await refreshFigures(t.services);
    const f = await readFigures(t.services, scope);
    expect(f.topics.map((x) => [x.key, x.published])).toEqual([
      ['urban-construction', 2],
      ['education-culture-sports', 1],
      ['labour-social-security', 1],
    ]);
    expect(f.units.find((u) => u.key === 'henan-xuchang-housing')).toMatchObject({
      published: 2,
      figures: { onTimeRate: 0.5, satisfactionRate: 0.667 },
    });
    expect(f.regions.items.map((r) => [r.key, r.published])).toEqual([['41', 4]]);
    const cities = await readFigures(t.services, { ...scope, region: '41' });
    expect(cities.regions.items.map((r) => [r.key, r.name, r.published])).toEqual([
      ['4110', '许昌市', 3],
      ['4101', '郑州市', 1],
    ]);
    const counties = await readFigures(t.services, { ...scope, region: '4110' });
    expect(counties.regions.items.map((r) => [r.key, r.published])).toEqual([
      ['411002', 2],
      ['411081', 1],
    ]);
  });

  it('a withdrawn adoption or one under consideration does not count; a new snapshot sees changes', async () => {
    await refreshFigures(t.services);
    await query(t).run(
      "update adoptions set status = 'implemented' where status = 'under_consideration'",
    );
    expect((await readFigures(t.services, scope)).headline.adopted).toBe(1);
    t.clock.current += hour;
    await refreshFigures(t.services);
    const f = await readFigures(t.services, scope);
    expect(f.headline.adopted).toBe(2);
    expect(f.snapshot?.takenAt).toBe(monday + 10 * 24 * hour + hour);
    // Older generations are gone.
    expect(await query(t).value('select count(distinct generation) as n from figure_cells')).toBe(
      1,
    );
  });

  it('unit figures over a period: assigned, replied, on time, returned, satisfaction', async () => {
    const u = await unitPeriod(
      t.services,
      unitId(t, 'henan-xuchang-housing'),
      monday,
      monday + 7 * 24 * hour,
    );
    expect(u).toMatchObject({
      assigned: 2,
      replied: 2,
      onTime: 1,
      onTimeRate: 0.5,
      returned: 1,
      returnRate: 0.333,
      ratings: { satisfied: 1, basically: 1, unsatisfied: 1 },
      satisfactionRate: 0.667,
    });
    const other = t.services.campaigns.get('two-sessions-2027')!.id;
    expect(
      (
        await unitPeriod(
          t.services,
          unitId(t, 'henan-xuchang-housing'),
          monday,
          monday + 7 * 24 * hour,
          [other],
        )
      ).assigned,
    ).toBe(0);
  });
});
