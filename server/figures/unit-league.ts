// The owner's unit league table: every unit that received matters of the given campaigns in the
// period, with its figures from unit-period.ts (the same definitions as the monthly close).
import type { Services } from '../services.ts';
import { unitPeriod } from './unit-period.ts';

export function unitLeague(s: Services, campaignIds: string[], from: number, to: number) {
  const units = s.sqlite
    .prepare(
      `select distinct a.unit_id from handling_assignments a join handlings h on h.submission_id = a.submission_id
       where h.campaign_id in (select value from json_each(?)) and a.at >= ? and a.at < ?`,
    )
    .pluck()
    .all(JSON.stringify(campaignIds), from, to) as string[];
  return units
    .map((id) => {
      const org = s.orgs.get(id);
      return {
        unit: { code: org?.code ?? id, name: org?.name ?? id },
        ...unitPeriod(s, id, from, to, campaignIds),
      };
    })
    .sort((a, b) => b.assigned - a.assigned || a.unit.code.localeCompare(b.unit.code));
}

/** Open matters past their due date, and escalated ones (督办), of the given campaigns. */
export function overdueMatters(s: Services, campaignIds: string[], limit = 50) {
  const rows = s.sqlite
    .prepare(
      `select s.id, s.ref, s.title, h.unit_id as unitId, h.due_at as dueAt, h.escalated_at as escalatedAt, h.urgency
       from handlings h join submissions s on s.id = h.submission_id
       where h.campaign_id in (select value from json_each(?)) and h.state in ('routed', 'returned')
         and (h.due_at < ? or h.escalated_at is not null)
       order by h.due_at limit ?`,
    )
    .all(JSON.stringify(campaignIds), s.clock.now(), limit) as {
    id: string;
    ref: string;
    title: string;
    unitId: string | null;
    dueAt: number | null;
    escalatedAt: number | null;
    urgency: string;
  }[];
  return rows.map((r) => {
    const org = r.unitId ? s.orgs.get(r.unitId) : undefined;
    return {
      id: r.id,
      ref: r.ref,
      title: r.title,
      unit: org ? { code: org.code, name: org.name } : null,
      dueAt: r.dueAt,
      escalated: r.escalatedAt !== null,
      urgency: r.urgency,
    };
  });
}
