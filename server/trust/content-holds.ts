import { cachedStatement } from '../db/statement-cache.ts';
import type { HoldState, ReportTarget } from '../../schema/states.ts';
import type { Services } from '../services.ts';

/** @deprecated Transitional: use `s.store.trust.holds()`. Whether a published text is withheld from the public; null when shown. */
export function holdOfLegacy(s: Services, kind: ReportTarget, id: string): HoldState | null {
  return (
    (cachedStatement(
      s.sqlite,
      'select state from content_holds where target_kind = ? and target_id = ?',
    )
      .pluck()
      .get(kind, id) as HoldState | undefined) ?? null
  );
}

/** Sets or clears a hold; call inside the transaction that records the decision. */
export function setHold(
  s: Services,
  target: { kind: ReportTarget; id: string; submissionId: string },
  state: HoldState | null,
  actorId: string | null,
): void {
  if (state === null) {
    s.sqlite
      .prepare('delete from content_holds where target_kind = ? and target_id = ?')
      .run(target.kind, target.id);
    return;
  }
  s.sqlite
    .prepare(
      `insert into content_holds (target_kind, target_id, submission_id, state, at, actor_id)
       values (?, ?, ?, ?, ?, ?)
       on conflict (target_kind, target_id) do update set state = excluded.state, at = excluded.at,
       actor_id = excluded.actor_id`,
    )
    .run(target.kind, target.id, target.submissionId, state, s.clock.now(), actorId);
}

/**
 * SQL condition, true while a row's text is shown to the public (no hold on it). Every public
 * list, export and report that reads text straight from SQL filters or blanks with this, so the
 * rule lives here only. `idColumn` is the column (or expression) holding the target's id; `kind`
 * comes from the closed list of targets, never from input.
 */
export function shownSql(kind: ReportTarget, idColumn: string): string {
  return `not exists (select 1 from content_holds held_ where held_.target_kind = '${kind}' and held_.target_id = ${idColumn})`;
}
