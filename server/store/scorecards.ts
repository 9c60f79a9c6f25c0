// Monthly scorecards of handling units and addressees, and the alarm list (overdue matters,
// boards without an answer). What each count means is said in server/figures/definitions.ts
// (scorecardDefinitions); the SQL here implements those texts. A scorecard follows a cohort: the
// messages that reached a unit (or were written to an addressee) in the month, and what became
// of them by now, so a rate never exceeds 100%.
import type { Queryable } from './engine/db.ts';
import { sql } from './engine/sql.ts';

/** A reply `r` was on time: approved by the due date in force when it was sent. */
const onTime = (r: string) =>
  `case when ${r}.due_at is null or ${r}.reviewed_at <= ${r}.due_at then 1 else 0 end`;

export type ScorecardCounts = {
  key: string;
  received: number;
  answered: number;
  onTime: number;
  returned: number;
  satisfied: number;
  rated: number;
};

/**
 * Per cohort row `c` (submission_id, and unit_id when replies must be the unit's own): answered,
 * on time, returned replies and ratings. `own` narrows replies and ratings to the cohort's unit.
 */
const cohortSums = (own: boolean) => {
  const mine = (t: string) => (own ? `and ${t}.unit_id = c.unit_id` : '');
  return `count(*) as received,
    sum(case when exists(select 1 from replies r where r.submission_id = c.submission_id
      and r.state = 'approved' ${mine('r')}) then 1 else 0 end) as answered,
    sum(coalesce((select ${onTime('r')} from replies r where r.submission_id = c.submission_id
      and r.state = 'approved' ${mine('r')} order by r.reviewed_at, r.id limit 1), 0)) as "onTime",
    sum((select count(*) from replies r where r.submission_id = c.submission_id
      and r.state = 'returned' ${mine('r')})) as returned,
    sum((select count(*) from ratings g where g.submission_id = c.submission_id
      and g.value in ('satisfied', 'basically') ${mine('g')})) as satisfied,
    sum((select count(*) from ratings g where g.submission_id = c.submission_id ${mine('g')}))
      as rated`;
};

// Parameters: units, campaigns, [from, to).
const unitCohorts = sql<ScorecardCounts>(
  (d) => `with c as (
     select distinct a.unit_id, a.submission_id from handling_assignments a
     join handlings h on h.submission_id = a.submission_id
     where a.unit_id in ${d.list('text')} and h.campaign_id in ${d.list('text')}
       and a.at >= ? and a.at < ?)
   select c.unit_id as key, ${cohortSums(true)} from c group by c.unit_id`,
);
// Parameters: addressees, campaigns, [from, to).
const addresseeCohorts = sql<ScorecardCounts>(
  (d) => `with c as (
     select s.addressee_id, s.id as submission_id from submissions s
     where s.addressee_id in ${d.list('text')} and s.campaign_id in ${d.list('text')}
       and s.status in ('published', 'answered', 'closed')
       and s.published_at >= ? and s.published_at < ?)
   select c.addressee_id as key, ${cohortSums(false)} from c group by c.addressee_id`,
);

export type OverdueCount = { key: string; n: number; oldestDue: number };
// Open matters held past their due date now. Parameters: campaigns, now.
const overdueUnits = sql<OverdueCount>(
  (d) => `select h.unit_id as key, count(*) as n, min(h.due_at) as "oldestDue" from handlings h
   where h.state in ('routed', 'returned') and h.due_at < ? and h.campaign_id in ${d.list('text')}
     and h.unit_id is not null
   group by h.unit_id`,
);
const overdueAddressees = sql<OverdueCount>(
  (d) => `select s.addressee_id as key, count(*) as n, min(h.due_at) as "oldestDue"
   from handlings h join submissions s on s.id = h.submission_id
   where h.state in ('routed', 'returned') and h.due_at < ? and h.campaign_id in ${d.list('text')}
     and s.addressee_id is not null
   group by s.addressee_id`,
);

export type BoardActivity = {
  key: string;
  lastAnswerAt: number | null;
  oldestWaiting: number | null;
};
// Per addressee: its latest public answer, and its oldest published message still unanswered.
const boardActivity = sql<BoardActivity>(
  (d) => `select s.addressee_id as key,
     max(case when s.status in ('answered', 'closed') then
       (select min(r.reviewed_at) from replies r where r.submission_id = s.id
         and r.state = 'approved') end) as "lastAnswerAt",
     min(case when s.status = 'published' then s.published_at end) as "oldestWaiting"
   from submissions s
   where s.addressee_id is not null and s.campaign_id in ${d.list('text')}
     and s.status in ('published', 'answered', 'closed')
   group by s.addressee_id`,
);

export class ScorecardsStore {
  constructor(private readonly q: Queryable) {}

  /** The month's cohort counts of each listed unit (only units with a cohort have a row). */
  units(unitIds: string[], campaignIds: string[], from: number, to: number) {
    if (unitIds.length === 0 || campaignIds.length === 0) return Promise.resolve([]);
    return this.q.all(unitCohorts, unitIds, campaignIds, from, to);
  }

  /** The month's cohort counts of each listed addressee. */
  addressees(ids: string[], campaignIds: string[], from: number, to: number) {
    if (ids.length === 0 || campaignIds.length === 0) return Promise.resolve([]);
    return this.q.all(addresseeCohorts, ids, campaignIds, from, to);
  }

  /** Open matters past due now, per holding unit and per addressee. */
  async overdue(campaignIds: string[], now: number) {
    if (campaignIds.length === 0) return { units: [], addressees: [] };
    const [units, addressees] = await Promise.all([
      this.q.all(overdueUnits, now, campaignIds),
      this.q.all(overdueAddressees, now, campaignIds),
    ]);
    return { units, addressees };
  }

  /** Each board's latest answer and oldest unanswered message. */
  boardActivity(campaignIds: string[]) {
    if (campaignIds.length === 0) return Promise.resolve([]);
    return this.q.all(boardActivity, campaignIds);
  }
}
