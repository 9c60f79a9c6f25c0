// Monthly public scorecards of the message board's handling units and addressees, and the alarm
// list staff watch (units holding messages past due, boards silent for two months). Counts come
// from server/store/scorecards.ts; every figure is defined in definitions.ts
// (scorecardDefinitions).
import type { Actor } from '../auth/actor.ts';
import { hasRole } from '../auth/actor.ts';
import { canActForOrg, requireRole } from '../auth/permissions.ts';
import { boardCampaignIds } from './board-figures.ts';
import { addresseeCard } from './board-views.ts';
import { chinaDate } from '../clock.ts';
import { monthRange } from '../handling/unit-figures.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { scorecardDefinitions, scorecardOf, silentBoardMs } from '../figures/definitions.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month asked for, or the last full month (China time). */
export function scorecardMonth(s: Services, month: string | undefined): string {
  if (month !== undefined) {
    if (!monthPattern.test(month))
      throw new ApiError('validation_failed', 'Months are written YYYY-MM', {
        fields: { month: 'write YYYY-MM' },
      });
    return month;
  }
  const [y, m] = chinaDate(s.clock.now()).slice(0, 7).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Every unit and addressee with messages in the month or past due now, each with its scorecard,
 * most received first. Public: these are the board's open figures.
 */
export async function monthlyScorecards(
  s: Services,
  month: string,
  campaignIds: string[] = boardCampaignIds(s),
) {
  const [from, to] = monthRange(month);
  const store = s.store.replica.scorecards;
  const units = s.orgs.all().map((o) => o.id);
  const addressees = s.addressees.all();
  const [unitRows, addresseeRows, overdue] = await Promise.all([
    store.units(units, campaignIds, from, to),
    store.addressees(
      addressees.map((a) => a.id),
      campaignIds,
      from,
      to,
    ),
    store.overdue(campaignIds, s.clock.now()),
  ]);
  const zero = { received: 0, answered: 0, onTime: 0, returned: 0, satisfied: 0, rated: 0 };
  const overdueOf = (rows: { key: string; n: number }[]) => new Map(rows.map((r) => [r.key, r.n]));
  const unitOverdue = overdueOf(overdue.units);
  const addresseeOverdue = overdueOf(overdue.addressees);
  const byUnit = new Map(unitRows.map((r) => [r.key, r]));
  const byAddressee = new Map(addresseeRows.map((r) => [r.key, r]));
  const order = (a: { received: number }, b: { received: number }) => b.received - a.received;
  return {
    month,
    countedAt: s.clock.now(),
    definitions: scorecardDefinitions,
    units: [...new Set([...byUnit.keys(), ...unitOverdue.keys()])]
      .map((id) => {
        const unit = s.orgs.get(id)!;
        return {
          unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn },
          ...scorecardOf(byUnit.get(id) ?? zero, unitOverdue.get(id) ?? 0),
        };
      })
      .sort(order),
    addressees: addressees
      .filter((a) => byAddressee.has(a.id) || addresseeOverdue.has(a.id))
      .map((a) => ({
        addressee: addresseeCard(s, a),
        ...scorecardOf(byAddressee.get(a.id) ?? zero, addresseeOverdue.get(a.id) ?? 0),
      }))
      .sort(order),
  };
}

/**
 * What needs a supervisor's attention now: units holding messages past due (oldest first), and
 * boards silent for two months while someone waits. Reviewers and admins see all; an owner sees
 * the units and leaders within their organisation.
 */
export async function boardAlarms(s: Services, actor: Actor | null) {
  const viewer = requireRole(actor, 'reviewer', 'owner', 'admin');
  const sees = (orgId: string) => hasRole(viewer, 'reviewer') || canActForOrg(s, viewer, orgId);
  const now = s.clock.now();
  const campaignIds = boardCampaignIds(s);
  const [overdue, activity] = await Promise.all([
    s.store.scorecards.overdue(campaignIds, now),
    s.store.scorecards.boardActivity(campaignIds),
  ]);
  const silentSince = now - silentBoardMs;
  return {
    countedAt: now,
    definitions: {
      overdueNow: scorecardDefinitions.overdueNow,
      silentBoard: scorecardDefinitions.silentBoard,
    },
    overdueUnits: overdue.units
      .filter((r) => sees(r.key))
      .sort((a, b) => a.oldestDue - b.oldestDue)
      .map((r) => {
        const unit = s.orgs.get(r.key)!;
        return {
          unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn },
          overdue: r.n,
          oldestDue: r.oldestDue,
        };
      }),
    silentBoards: activity
      .filter(
        (r) =>
          r.oldestWaiting !== null &&
          r.oldestWaiting < silentSince &&
          (r.lastAnswerAt === null || r.lastAnswerAt < silentSince),
      )
      .map((r) => ({ r, a: s.addressees.get(r.key) }))
      .filter(({ a }) => a && sees(a.orgId))
      .sort((x, y) => x.r.oldestWaiting! - y.r.oldestWaiting!)
      .map(({ r, a }) => ({
        addressee: addresseeCard(s, a!),
        lastAnswerAt: r.lastAnswerAt,
        oldestWaiting: r.oldestWaiting!,
      })),
  };
}
