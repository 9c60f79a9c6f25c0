// Policy documents as readers see them: the list (with the campaigns each feeds and its counts)
// and one document with its current clauses. The list costs two statements, whatever its length.
import type { Services } from '../services.ts';
import type { DocumentRow } from '../store/adoption.ts';
import { ApiError } from '../http/api-error.ts';
import { clauseLabel } from './clause-rows.ts';

async function viewDocuments(s: Services, rows: DocumentRow[]) {
  const campaignsOf = await s.store.adoption.campaignsOfDocuments(rows.map((d) => d.id));
  return rows.map((d) => ({
    ...d,
    campaigns: (campaignsOf.get(d.id) ?? [])
      .map((id) => s.campaigns.getById(id))
      .filter((c) => c !== undefined)
      .map((c) => ({ slug: c.slug, title: c.definition.title })),
  }));
}

/** Documents, newest issue first; those feeding one campaign when given. */
export async function listDocuments(s: Services, campaignId: string | null) {
  return viewDocuments(s, await s.store.adoption.documents(campaignId));
}

/** A document with its current clauses in reading order, or not_found. */
export async function getDocument(s: Services, id: string) {
  const [row, clauses] = await Promise.all([
    s.store.adoption.document(id),
    s.store.adoption.activeClauses(id),
  ]);
  if (!row) throw new ApiError('not_found', 'No such policy document');
  const [document] = await viewDocuments(s, [row]);
  return {
    document: document!,
    clauses: clauses.map((c) => ({
      id: c.id,
      anchor: c.anchor,
      label: clauseLabel(c),
      kind: c.kind,
      text: c.text,
      hash: c.hash,
      leaf: c.leaf === 1,
      parent: c.parentAnchor,
    })),
  };
}
