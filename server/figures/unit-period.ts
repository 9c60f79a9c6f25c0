// A handling unit's figures over a period, counted by event time (what happened in the period),
// for the monthly close (月清月结) and the owner's unit league table. The predicates and rates come
// from definitions.ts:
//   assigned  — distinct submissions that reached the unit in the period (rule, reviewer, transfer, reopen)
//   replied   — distinct submissions whose reply by the unit was approved in the period
//   onTime    — of those, approved no later than the due date in force when the reply was sent
//   overdue   — matters of the unit whose due date fell in the period (and has passed) without an
//               approved answer by then
//   returned  — replies of the unit returned by reviewers in the period; returnRate = returned /
//               (approved + returned replies)
//   satisfied — share of the period's ratings of the unit that are 满意 or 基本满意
import type { Services } from '../services.ts';
import type { UnitCounts } from '../store/figures.ts';
import { rate, satisfiedValues } from './definitions.ts';

export type UnitPeriod = {
  assigned: number;
  replied: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  returned: number;
  returnRate: number | null;
  ratings: { satisfied: number; basically: number; unsatisfied: number };
  satisfactionRate: number | null;
  open: number;
};

/** The figures of a unit from its counts. */
function figuresOf(c: UnitCounts): UnitPeriod {
  const rated = c.ratings.satisfied + c.ratings.basically + c.ratings.unsatisfied;
  const satisfied = satisfiedValues.reduce((sum, v) => sum + c.ratings[v], 0);
  return {
    assigned: c.assigned,
    replied: c.replied,
    onTime: c.onTime,
    onTimeRate: rate(c.onTime, c.replied),
    overdue: c.overdue,
    returned: c.returned,
    returnRate: rate(c.returned, c.approvedReplies + c.returned),
    ratings: { ...c.ratings },
    satisfactionRate: rate(satisfied, rated),
    open: c.open,
  };
}

/**
 * The figures of several units over [from, to), of the given campaigns (null: all), in a fixed
 * number of statements whatever the number of units.
 */
export async function unitPeriods(
  s: Services,
  unitIds: string[],
  from: number,
  to: number,
  campaignIds: string[] | null = null,
): Promise<Map<string, UnitPeriod>> {
  const counts = await s.store.figures.unitCounts(unitIds, campaignIds, from, to, s.clock.now());
  return new Map([...counts].map(([id, c]) => [id, figuresOf(c)]));
}

export async function unitPeriod(
  s: Services,
  unitId: string,
  from: number,
  to: number,
  campaignIds: string[] | null = null,
): Promise<UnitPeriod> {
  return (await unitPeriods(s, [unitId], from, to, campaignIds)).get(unitId)!;
}
