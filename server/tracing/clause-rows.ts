// Clauses as stored, and back as the algorithms' Clause objects.
import type { Clause, ClauseKind } from '../adoption/clauses.ts';
import type { Services } from '../services.ts';

export type ClauseRow = {
  id: string;
  documentId: string;
  anchor: string;
  path: string;
  kind: ClauseKind;
  text: string;
  hash: string;
  position: number;
  parentAnchor: string | null;
  leaf: number;
  retiredAt: number | null;
};

const columns = `id, document_id as documentId, anchor, path, kind, text, hash, position,
  parent_anchor as parentAnchor, leaf, retired_at as retiredAt`;

/** The clauses of the document's current revision, in reading order. */
export function activeClauses(s: Services, documentId: string): ClauseRow[] {
  return s.sqlite
    .prepare(
      `select ${columns} from policy_clauses where document_id = ? and retired_at is null order by position`,
    )
    .all(documentId) as ClauseRow[];
}

export function clauseById(s: Services, id: string): ClauseRow | undefined {
  return s.sqlite.prepare(`select ${columns} from policy_clauses where id = ?`).get(id) as
    ClauseRow | undefined;
}

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
