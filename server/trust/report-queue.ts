import type { ReportReason, ReportTarget } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../auth/permissions.ts';
import type { Services } from '../services.ts';
import { findTargets, targetIn } from './report-target.ts';

/** How many reported texts the queue shows at once. */
const queueSize = 100;

/**
 * Open reports grouped by what they report, most-reported first, with the original text. A fixed
 * number of statements whatever the queue holds: the groups, their reasons and notes, the texts
 * (two), and the holds (two).
 */
export async function listReportQueue(s: Services, actor: Actor | null) {
  requireRole(actor, 'reviewer', 'admin');
  const groups = await s.store.trust.reportGroups(queueSize);
  const idsOf = (kind: ReportTarget) => groups.filter((g) => g.kind === kind).map((g) => g.id);
  const [reports, targets, submissionHolds, replyHolds] = await Promise.all([
    s.store.trust.openReportsOf(groups.map((g) => g.id)),
    findTargets(s.store, groups),
    s.store.trust.holds('submission', idsOf('submission')),
    s.store.trust.holds('reply', idsOf('reply')),
  ]);
  const holds = { submission: submissionHolds, reply: replyHolds };
  const byTarget = new Map<string, typeof reports>();
  for (const r of reports) {
    const key = `${r.kind}:${r.id}`;
    const list = byTarget.get(key);
    if (list) list.push(r);
    else byTarget.set(key, [r]);
  }
  return groups.flatMap((g) => {
    // No longer public (rejected meanwhile): nothing left to decide here.
    const target = targetIn(targets, g.kind, g.id);
    if (!target) return [];
    const reasons: Partial<Record<ReportReason, number>> = {};
    const notes: string[] = [];
    for (const r of byTarget.get(`${g.kind}:${g.id}`) ?? []) {
      reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
      if (r.note !== null) notes.push(r.note);
    }
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
        notes,
        hold: holds[g.kind].get(g.id) ?? null,
        firstAt: g.firstAt,
        lastAt: g.lastAt,
      },
    ];
  });
}
