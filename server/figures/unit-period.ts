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
import { onTimeSql, rate, satisfiedValues } from './definitions.ts';

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

// `@campaigns is null` switches the campaign filter off; otherwise it is a JSON array of campaign ids.
const inCampaigns = (column: string) =>
  `(@campaigns is null or ${column} in (select submission_id from handlings where campaign_id in (select value from json_each(@campaigns))))`;

export function unitPeriod(
  s: Services,
  unitId: string,
  from: number,
  to: number,
  campaignIds: string[] | null = null,
): UnitPeriod {
  const params = {
    unit: unitId,
    campaigns: campaignIds ? JSON.stringify(campaignIds) : null,
    from,
    to,
    now: s.clock.now(),
  };
  const one = (sql: string) => s.sqlite.prepare(sql).pluck().get(params) as number;
  const assigned = one(
    `select count(distinct submission_id) from handling_assignments where unit_id = @unit and ${inCampaigns('submission_id')}
     and at >= @from and at < @to`,
  );
  const approved = `from replies r where r.unit_id = @unit and r.state = 'approved' and r.submission_id is not null
     and ${inCampaigns('r.submission_id')} and r.reviewed_at >= @from and r.reviewed_at < @to`;
  const replied = one(`select count(distinct r.submission_id) ${approved}`);
  const onTime = one(`select count(distinct r.submission_id) ${approved} and ${onTimeSql('r')}`);
  const approvedReplies = one(`select count(*) ${approved}`);
  const overdue = one(
    `select count(*) from handlings where unit_id = @unit and ${inCampaigns('submission_id')}
     and due_at >= @from and due_at < @to and due_at < @now and (answered_at is null or answered_at > due_at)`,
  );
  const returned = one(
    `select count(*) from replies where unit_id = @unit and ${inCampaigns('submission_id')}
     and state = 'returned' and reviewed_at >= @from and reviewed_at < @to`,
  );
  const byValue = Object.fromEntries(
    (
      s.sqlite
        .prepare(
          `select value, count(*) as n from ratings where unit_id = @unit and ${inCampaigns('submission_id')}
           and at >= @from and at < @to group by value`,
        )
        .all(params) as { value: string; n: number }[]
    ).map((r) => [r.value, r.n]),
  );
  const ratings = {
    satisfied: byValue.satisfied ?? 0,
    basically: byValue.basically ?? 0,
    unsatisfied: byValue.unsatisfied ?? 0,
  };
  const rated = ratings.satisfied + ratings.basically + ratings.unsatisfied;
  const satisfied = satisfiedValues.reduce((sum, v) => sum + ratings[v], 0);
  const open = one(
    `select count(*) from handlings where unit_id = @unit and ${inCampaigns('submission_id')}
     and state in ('routed', 'returned', 'replied')`,
  );
  return {
    assigned,
    replied,
    onTime,
    onTimeRate: rate(onTime, replied),
    overdue,
    returned,
    returnRate: rate(returned, approvedReplies + returned),
    ratings,
    satisfactionRate: rate(satisfied, rated),
    open,
  };
}
