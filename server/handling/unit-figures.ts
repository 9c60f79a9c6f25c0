// Handling figures per unit: the monthly close (月清月结). What each figure means is defined once,
// in server/figures/definitions.ts; the counting over a period is server/figures/unit-period.ts,
// shared with the owner's unit league table (a fixed number of statements).
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
export async function unitMonth(s: Services, unitId: string, month: string): Promise<UnitMonth> {
  const [from, to] = monthRange(month);
  const unit = s.orgs.get(unitId)!;
  return {
    unit: { code: unit.code, name: unit.name },
    month,
    ...(await unitPeriod(s, unitId, from, to)),
  };
}
