// Handling figures per unit: the monthly close (月清月结) and the supervision list (督办). What
// each figure means is defined once, in server/figures/definitions.ts; the counting over a period
// is server/figures/unit-period.ts, shared with the owner's unit league table.
import { unitPeriod, type UnitPeriod } from '../figures/unit-period.ts';
import type { Services } from '../services.ts';

export type UnitMonth = { unit: { code: string; name: string }; month: string } & UnitPeriod;

/** [start, end) of a YYYY-MM month in China time, as epoch ms. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1) - 8 * 3_600_000;
  const end = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000;
  return [start, end];
}

/** 月清月结: what a unit received, answered, answered on time, let slip, had returned, and how it was rated. */
export function unitMonth(s: Services, unitId: string, month: string): UnitMonth {
  const [from, to] = monthRange(month);
  const unit = s.orgs.get(unitId)!;
  return { unit: { code: unit.code, name: unit.name }, month, ...unitPeriod(s, unitId, from, to) };
}

/** 督办 list: per unit, matters past due without an answer and bounced matters waiting for a reviewer. */
export function supervision(s: Services) {
  const now = s.clock.now();
  const overdue = s.sqlite
    .prepare(
      `select h.unit_id as unitId, count(*) as overdue, min(h.due_at) as oldestDue from handlings h
       where h.state in ('routed', 'returned') and h.due_at < ? group by h.unit_id order by overdue desc`,
    )
    .all(now) as { unitId: string; overdue: number; oldestDue: number }[];
  const flagged = s.sqlite
    .prepare("select count(*) from handlings where state = 'unrouted' and flag_reason is not null")
    .pluck()
    .get() as number;
  const triage = s.sqlite
    .prepare("select count(*) from handlings where state = 'unrouted'")
    .pluck()
    .get() as number;
  return {
    units: overdue.map((o) => {
      const unit = s.orgs.get(o.unitId);
      return {
        unit: { code: unit?.code ?? o.unitId, name: unit?.name ?? o.unitId },
        overdue: o.overdue,
        oldestDue: o.oldestDue,
      };
    }),
    flagged,
    triage,
  };
}
