import { handlersOfLegacy, notifyLegacy, reviewersLegacy } from '../notifications/notify.ts';
import type { Services } from '../services.ts';
import { appendEventLegacy } from '../submissions/append-event.ts';

/**
 * 督办: every assignment past its due date without an answer goes, once, to the inbox of the unit
 * above the one holding it and to the reviewers. Run every minute by the server; idempotent.
 */
export function escalateOverdue(s: Services): number {
  const now = s.clock.now();
  const overdue = s.sqlite
    .prepare(
      `select h.submission_id as id, h.unit_id as unitId, h.due_at as dueAt, s.ref, s.title
       from handlings h join submissions s on s.id = h.submission_id
       where h.state in ('routed', 'returned') and h.due_at < ? and h.escalated_at is null limit 1000`,
    )
    .all(now) as { id: string; unitId: string; dueAt: number; ref: string; title: string }[];
  if (overdue.length === 0) return 0;
  s.sqlite.transaction(() => {
    for (const o of overdue) {
      const unit = s.orgs.get(o.unitId);
      const parent = unit?.parentId ? s.orgs.get(unit.parentId) : undefined;
      s.sqlite
        .prepare('update handlings set escalated_at = ?, updated_at = ? where submission_id = ?')
        .run(now, now, o.id);
      appendEventLegacy(s, {
        submissionId: o.id,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'escalated',
        reason: 'overdue',
        data: { unit: unit?.name ?? null, supervisor: parent?.name ?? null, dueAt: o.dueAt },
      });
      const to = [...reviewersLegacy(s), ...(parent ? handlersOfLegacy(s, parent.id) : [])];
      notifyLegacy(s, to, 'escalated', o.id, {
        ref: o.ref,
        title: o.title,
        unit: unit?.name ?? null,
        dueAt: o.dueAt,
      });
    }
  })();
  return overdue.length;
}
