// SQL pieces several aggregates share. The vocabularies come from schema/states.ts (never from
// input), so writing them into the text is safe.
import { publicSubmissionStatuses } from '../../schema/states.ts';
import type { Queryable } from './engine/db.ts';
import type { Sql } from './engine/sql.ts';

/** `status in ${publicStatusList}`: statuses anyone may read. */
export const publicStatusList = `(${publicSubmissionStatuses.map((s) => `'${s}'`).join(', ')})`;

/**
 * The public (masked) title or body of a submission: the stored masked text, or the original
 * when it had nothing to mask (stored empty, see schema/submissions.ts).
 */
export function publicText(table: string, field: 'title' | 'body'): string {
  const prefix = table ? `${table}.` : '';
  return `coalesce(nullif(${prefix}${field}_public, ''), ${prefix}${field})`;
}

/**
 * True while a row's text is shown to the public (no hold on it). `idColumn` holds the target's
 * id; `kind` comes from the closed list of report targets.
 */
export function shownSql(kind: 'submission' | 'reply', idColumn: string): string {
  return `not exists (select 1 from content_holds held_ where held_.target_kind = '${kind}' and held_.target_id = ${idColumn})`;
}

/**
 * The rows a statement reads for one bound list of ids, keyed by id (each id asked once); no
 * statement at all for no ids. For pages that look up many rows at once, never one per row.
 */
export async function rowsById<R extends { id: string }>(
  q: Queryable,
  statement: Sql<R>,
  ids: readonly string[],
): Promise<Map<string, R>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all(statement, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r]));
}
