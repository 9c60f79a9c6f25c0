import type { Services } from '../services.ts';
import { activeClauses, clauseLabel } from './clause-rows.ts';

/** The campaigns a document feeds. */
export function documentCampaignIds(s: Services, documentId: string): string[] {
  return s.sqlite
    .prepare('select campaign_id from policy_document_campaigns where document_id = ?')
    .pluck()
    .all(documentId) as string[];
}

type DocumentRow = {
  id: string;
  title: string;
  issuer: string;
  issuedOn: string;
  sourceUrl: string | null;
  revision: number;
  updatedAt: number;
  clauses: number;
  adoptions: number;
  proposed: number;
};

const documentColumns = `d.id, d.title, d.issuer, d.issued_on as issuedOn, d.source_url as sourceUrl, d.revision,
  d.updated_at as updatedAt,
  (select count(*) from policy_clauses c where c.document_id = d.id and c.retired_at is null) as clauses,
  (select count(*) from adoptions a where a.document_id = d.id and a.withdrawn_at is null) as adoptions,
  (select count(*) from adoption_candidates k where k.document_id = d.id and k.state = 'proposed') as proposed`;

function viewDocument(s: Services, d: DocumentRow) {
  const campaigns = documentCampaignIds(s, d.id)
    .map((id) => s.campaigns.getById(id))
    .filter((c) => c !== undefined)
    .map((c) => ({ slug: c.slug, title: c.definition.title }));
  return { ...d, campaigns };
}

/** Documents, newest issue first; those feeding one campaign when given. */
export function listDocuments(s: Services, campaignId: string | null) {
  const rows = s.sqlite
    .prepare(
      `select ${documentColumns} from policy_documents d
       where ? is null or d.id in (select document_id from policy_document_campaigns where campaign_id = ?)
       order by d.issued_on desc, d.id desc`,
    )
    .all(campaignId, campaignId) as DocumentRow[];
  return rows.map((d) => viewDocument(s, d));
}

export function getDocument(s: Services, id: string) {
  const row = s.sqlite
    .prepare(`select ${documentColumns} from policy_documents d where d.id = ?`)
    .get(id) as DocumentRow | undefined;
  if (!row) return undefined;
  const clauses = activeClauses(s, id).map((c) => ({
    id: c.id,
    anchor: c.anchor,
    label: clauseLabel(c),
    kind: c.kind,
    text: c.text,
    hash: c.hash,
    leaf: c.leaf === 1,
    parent: c.parentAnchor,
  }));
  return { document: viewDocument(s, row), clauses };
}
