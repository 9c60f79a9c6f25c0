// Handling figures per unit. The definitions live here, once, and the monthly close and the
// supervision list both use them:
//   assigned  — distinct submissions that reached the unit in the period (rule, reviewer, transfer, reopen)
//   replied   — distinct submissions whose reply by the unit was approved in the period
//   onTime    — of those, approved no later than the due date in force when the reply was sent
//   overdue   — matters of the unit whose due date fell in the period (and has passed) without an
//               approved answer by then
//   returned  — replies of the unit returned by reviewers in the period; returnRate = returned /
//               (approved + returned replies)
//   satisfied — share of the period's ratings of the unit that are 满意 or 基本满意
import type { Services } from '../services.ts';

export type UnitMonth = {
  unit: { code: string; name: string };
  month: string;
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

/** [start, end) of a YYYY-MM month in China time, as epoch ms. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1) - 8 * 3_600_000;
  const end = Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - 8 * 3_600_000;
  return [start, end];
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** 月清月结: what a unit received, answered, answered on time, let slip, had returned, and how it was rated. */
export function unitMonth(s: Services, unitId: string, month: string): UnitMonth {
  const [from, to] = monthRange(month);
  const one = (sql: string, ...args: (string | number)[]) =>
    s.sqlite
      .prepare(sql)
      .pluck()
      .get(...args) as number;
  const now = s.clock.now();
  const assigned = one(
    'select count(distinct submission_id) from handling_assignments where unit_id = ? and at >= ? and at < ?',
    unitId,
    from,
    to,
  );
  const replied = one(
    "select count(distinct submission_id) from replies where unit_id = ? and state = 'approved' and submission_id is not null and reviewed_at >= ? and reviewed_at < ?",
    unitId,
    from,
    to,
  );
  const onTime = one(
    `select count(distinct submission_id) from replies where unit_id = ? and state = 'approved' and submission_id is not null
     and reviewed_at >= ? and reviewed_at < ? and (due_at is null or reviewed_at <= due_at)`,
    unitId,
    from,
    to,
  );
  const overdue = one(
    `select count(*) from handlings where unit_id = ? and due_at >= ? and due_at < ? and due_at < ?
     and (answered_at is null or answered_at > due_at)`,
    unitId,
    from,
    to,
    now,
  );
  const returned = one(
    "select count(*) from replies where unit_id = ? and state = 'returned' and reviewed_at >= ? and reviewed_at < ?",
    unitId,
    from,
    to,
  );
  const approvedReplies = one(
    "select count(*) from replies where unit_id = ? and state = 'approved' and submission_id is not null and reviewed_at >= ? and reviewed_at < ?",
    unitId,
    from,
    to,
  );
  const byValue = Object.fromEntries(
    (
      s.sqlite
        .prepare(
          'select value, count(*) as n from ratings where unit_id = ? and at >= ? and at < ? group by value',
        )
        .all(unitId, from, to) as { value: string; n: number }[]
    ).map((r) => [r.value, r.n]),
  );
  const ratings = {
    satisfied: byValue.satisfied ?? 0,
    basically: byValue.basically ?? 0,
    unsatisfied: byValue.unsatisfied ?? 0,
  };
  const rated = ratings.satisfied + ratings.basically + ratings.unsatisfied;
  const open = one(
    "select count(*) from handlings where unit_id = ? and state in ('routed', 'returned', 'replied')",
    unitId,
  );
  const unit = s.orgs.get(unitId)!;
  return {
    unit: { code: unit.code, name: unit.name },
    month,
    assigned,
    replied,
    onTime,
    onTimeRate: rate(onTime, replied),
    overdue,
    returned,
    returnRate: rate(returned, approvedReplies + returned),
    ratings,
    satisfactionRate: rate(ratings.satisfied + ratings.basically, rated),
    open,
  };
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
