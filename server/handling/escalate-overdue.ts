import { notify } from '../notifications/notify.ts';
import type { Services } from '../services.ts';

/** Matters escalated by one run at most; a backlog is worked off over the next minutes. */
const perRun = 1000;

/**
 * 督办: every assignment past its due date without an answer goes, once, to the inbox of the unit
 * above the one holding it and to the reviewers. Run every minute by the server; idempotent. One
 * write per run: the guarded update inside it escalates each matter once even when two app nodes
 * run at the same moment, and a re-run of the transaction (PostgreSQL) changes nothing twice.
 */
export async function escalateOverdue(s: Services): Promise<number> {
  const now = s.clock.now();
  return s.store.write(async (tx) => {
    const escalated = await tx.handling.escalateOverdue(now, perRun);
    if (escalated.length === 0) return 0;
    const submissions = new Map(
      (await tx.submissions.findMany(escalated.map((e) => e.submissionId))).map((r) => [r.id, r]),
    );
    const reviewers = await tx.accounts.reviewers();
    const supervisorsOf = new Map<string, string[]>();
    for (const e of escalated) {
      const unit = e.unitId ? s.orgs.get(e.unitId) : undefined;
      const parent = unit?.parentId ? s.orgs.get(unit.parentId) : undefined;
      let supervisors: string[] = [];
      if (parent) {
        supervisors = supervisorsOf.get(parent.id) ?? (await tx.accounts.handlersOf(parent.id));
        supervisorsOf.set(parent.id, supervisors);
      }
      await tx.timeline.append({
        submissionId: e.submissionId,
        at: now,
        actorId: null,
        actorRole: null,
        type: 'escalated',
        reason: 'overdue',
        data: { unit: unit?.name ?? null, supervisor: parent?.name ?? null, dueAt: e.dueAt },
      });
      const sub = submissions.get(e.submissionId);
      await notify(tx, now, [...reviewers, ...supervisors], 'escalated', e.submissionId, {
        ref: sub?.ref ?? null,
        title: sub?.title ?? null,
        unit: unit?.name ?? null,
        dueAt: e.dueAt,
      });
    }
    return escalated.length;
  });
}
