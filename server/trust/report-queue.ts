import type { HoldState, ReportReason, ReportTarget } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import { holdOfLegacy } from './content-holds.ts';
import { findTarget } from './report-target.ts';

/** Open reports grouped by what they report, most-reported first, with the original text. */
export function listReportQueue(s: Services, actor: Actor | null) {
  requireRole(actor, 'reviewer', 'admin');
  const groups = s.sqlite
    .prepare(
      `select target_kind as kind, target_id as id, submission_id as submissionId,
         count(*) as reports, json_group_array(reason) as reasons,
         json_group_array(note) filter (where note is not null) as notes,
         min(created_at) as firstAt, max(created_at) as lastAt
       from reports where state = 'open'
       group by target_kind, target_id order by reports desc, firstAt limit 100`,
    )
    .all() as {
    kind: ReportTarget;
    id: string;
    submissionId: string;
    reports: number;
    reasons: string;
    notes: string | null;
    firstAt: number;
    lastAt: number;
  }[];
  return groups.flatMap((g) => {
    let target;
    try {
      target = findTarget(s, g.kind, g.id);
    } catch {
      return []; // no longer public (rejected meanwhile): nothing left to decide here
    }
    const reasons: Partial<Record<ReportReason, number>> = {};
    for (const r of JSON.parse(g.reasons) as ReportReason[]) reasons[r] = (reasons[r] ?? 0) + 1;
    return [
      {
        kind: g.kind,
        id: g.id,
        submissionId: g.submissionId,
        ref: target.ref,
        title: target.title,
        body: target.body,
        reports: g.reports,
        reasons,
        notes: g.notes ? (JSON.parse(g.notes) as string[]) : [],
        hold: holdOfLegacy(s, g.kind, g.id) as HoldState | null,
        firstAt: g.firstAt,
        lastAt: g.lastAt,
      },
    ];
  });
}
