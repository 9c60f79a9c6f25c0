import type { Services } from '../services.ts';

export type AssignmentHow = 'rule' | 'reviewer' | 'transfer' | 'reopen';

/** Appends a link to the chain of units a submission passed through (its transfer history). */
/** @deprecated Transitional: use `tx.handling.recordAssignment()`. */
export function recordAssignmentLegacy(
  s: Services,
  a: {
    submissionId: string;
    unitId: string;
    fromUnitId: string | null;
    how: AssignmentHow;
    reason: string | null;
    actorId: string | null;
    at: number;
    round: number;
  },
): void {
  s.sqlite
    .prepare(
      `insert into handling_assignments (submission_id, unit_id, from_unit_id, how, reason, actor_id, at, round)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.submissionId, a.unitId, a.fromUnitId, a.how, a.reason, a.actorId, a.at, a.round);
}
