// What adding and re-importing a policy document share: the campaigns it names, its text split
// into clauses (refused when it has nothing to cite), and the clause rows to insert.
import { leafClauses, splitClauses, type Clause } from '../adoption/clauses.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import type { NewClause } from '../store/adoption.ts';

export type DocumentInput = {
  title: string;
  issuer: string;
  issuedOn: string;
  sourceUrl: string | null;
  /** Campaign slugs the document feeds. */
  campaigns: string[];
  text: string;
};

export function campaignIdsOf(s: Services, slugs: string[]): string[] {
  return slugs.map((slug) => {
    const campaign = s.campaigns.get(slug);
    if (!campaign)
      throw new ApiError('validation_failed', `No campaign ${slug}`, {
        fields: { campaigns: `unknown campaign ${slug}` },
      });
    return campaign.id;
  });
}

/** The text's clauses, or the refusal to give when it has none (thrown when the caller decides). */
export function splitText(text: string): Clause[] | ApiError {
  const clauses = splitClauses(text);
  if (!clauses.length)
    return new ApiError('validation_failed', 'The document has no text to cite', {
      fields: { text: 'empty' },
    });
  return clauses;
}

export const leafAnchors = (clauses: Clause[]) =>
  new Set(leafClauses(clauses).map((c) => c.anchor));

/** A clause of the document as stored (`position`: its place in reading order). */
export function clauseColumns(c: Clause, position: number, leaves: Set<string>) {
  return {
    anchor: c.anchor,
    path: JSON.stringify(c.path),
    kind: c.kind,
    text: c.text,
    hash: c.hash,
    position,
    parentAnchor: c.parent,
    leaf: leaves.has(c.anchor) ? 1 : 0,
  };
}

/** New clause rows, each with a fresh id. */
export function newClauseRows(
  documentId: string,
  items: { clause: Clause; at: number }[],
  leaves: Set<string>,
  now: number,
): NewClause[] {
  return items.map(({ clause, at }) => ({
    id: newId('cls', now),
    documentId,
    ...clauseColumns(clause, at, leaves),
  }));
}
