// Clauses as stored, and back as the algorithms' Clause objects.
import type { Clause } from '../adoption/clauses.ts';
import type { ClauseRow } from '../store/adoption.ts';

export type { ClauseRow } from '../store/adoption.ts';

/** Offsets are not stored (the text is); the algorithms only read anchors, kinds and texts. */
export function toClause(row: ClauseRow): Clause {
  return {
    anchor: row.anchor,
    path: JSON.parse(row.path) as string[],
    kind: row.kind,
    text: row.text,
    hash: row.hash,
    start: 0,
    end: row.text.length,
    parent: row.parentAnchor,
  };
}

/** How a clause is cited: its headings as the document numbers them, then its anchor. */
export function clauseLabel(row: Pick<ClauseRow, 'path' | 'anchor'>): string {
  const path = JSON.parse(row.path) as string[];
  return path.length ? path.join(' ') : row.anchor;
}

/** A clause as candidates and adoptions cite it. */
export function citeClause(row: ClauseRow) {
  return { id: row.id, anchor: row.anchor, label: clauseLabel(row), text: row.text };
}
