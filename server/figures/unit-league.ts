// The owner's unit league table: every unit that received matters of the given campaigns in the
// period, with its figures from unit-period.ts (the same definitions as the monthly close).
import type { Services } from '../services.ts';
import { unitPeriods } from './unit-period.ts';

export async function unitLeague(s: Services, campaignIds: string[], from: number, to: number) {
  const units = await s.store.figures.assignedUnits(campaignIds, from, to);
  const figures = await unitPeriods(s, units, from, to, campaignIds);
  return units
    .map((id) => {
      const org = s.orgs.get(id);
      return { unit: { code: org?.code ?? id, name: org?.name ?? id }, ...figures.get(id)! };
    })
    .sort((a, b) => b.assigned - a.assigned || a.unit.code.localeCompare(b.unit.code));
}

/** Open matters past their due date, and escalated ones (督办), of the given campaigns. */
export async function overdueMatters(s: Services, campaignIds: string[], limit = 50) {
  const rows = await s.store.figures.overdue(campaignIds, s.clock.now(), limit);
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
