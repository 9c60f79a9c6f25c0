// Adding a policy document and re-importing it. A re-import follows each clause to its place in
// the new text (same words first, then the most similar edited clause, see reanchor()), so a
// confirmed link keeps its clause row — and its words — when paragraphs elsewhere change.
import { leafClauses, reanchor, splitClauses, type Clause } from '../adoption/clauses.ts';
import type { Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { activeClauses, toClause } from './clause-rows.ts';
import { requireCurator } from '../auth/curators.ts';
import { documentCampaignIds } from './document-views.ts';
import { queueMatching } from './queue-matching.ts';

export type DocumentInput = {
  title: string;
  issuer: string;
  issuedOn: string;
  sourceUrl: string | null;
  campaignIds: string[];
  text: string;
};

export type ReimportSummary = {
  kept: number;
  moved: number;
  edited: number;
  retired: number;
  added: number;
};

function campaignIdsOf(s: Services, slugs: string[]): string[] {
  return slugs.map((slug) => {
    const campaign = s.campaigns.get(slug);
    if (!campaign)
      throw new ApiError('validation_failed', `No campaign ${slug}`, {
        fields: { campaigns: `unknown campaign ${slug}` },
      });
    return campaign.id;
  });
}

function splitOrRefuse(text: string): Clause[] {
  const clauses = splitClauses(text);
  if (!clauses.length)
    throw new ApiError('validation_failed', 'The document has no text to cite', {
      fields: { text: 'empty' },
    });
  return clauses;
}

/** Inserts new clause rows; `at` gives each one's position in reading order. */
function insertClauses(
  s: Services,
  documentId: string,
  items: { clause: Clause; at: number }[],
  leaves: Set<string>,
  now: number,
): void {
  const insert = s.sqlite.prepare(
    `insert into policy_clauses (id, document_id, anchor, path, kind, text, hash, position, parent_anchor, leaf)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { clause: c, at } of items)
    insert.run(
      newId('cls', now),
      documentId,
      c.anchor,
      JSON.stringify(c.path),
      c.kind,
      c.text,
      c.hash,
      at,
      c.parent,
      leaves.has(c.anchor) ? 1 : 0,
    );
}

const leafAnchors = (clauses: Clause[]) => new Set(leafClauses(clauses).map((c) => c.anchor));

export async function addDocument(
  s: Services,
  actor: Actor | null,
  input: Omit<DocumentInput, 'campaignIds'> & { campaigns: string[] },
): Promise<{ id: string; clauses: number }> {
  const campaignIds = campaignIdsOf(s, input.campaigns);
  const user = requireCurator(s, actor, campaignIds);
  const clauses = splitOrRefuse(input.text);
  const now = s.clock.now();
  const id = newId('doc', now);
  await s.writer.run(() => {
    s.sqlite
      .prepare(
        `insert into policy_documents (id, title, issuer, issued_on, source_url, text, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.title,
        input.issuer,
        input.issuedOn,
        input.sourceUrl,
        input.text,
        user.id,
        now,
        now,
      );
    const link = s.sqlite.prepare(
      'insert into policy_document_campaigns (document_id, campaign_id) values (?, ?)',
    );
    for (const campaignId of new Set(campaignIds)) link.run(id, campaignId);
    const all = clauses.map((clause, at) => ({ clause, at }));
    insertClauses(s, id, all, leafAnchors(clauses), now);
    for (const campaignId of new Set(campaignIds)) queueMatching(s, campaignId, id, user.id);
  });
  return { id, clauses: clauses.length };
}

export function documentOr404(s: Services, id: string) {
  const row = s.sqlite.prepare('select id, revision from policy_documents where id = ?').get(id) as
    { id: string; revision: number } | undefined;
  if (!row) throw new ApiError('not_found', 'No such policy document');
  return row;
}

/**
 * Changes a document's details and, when `text` is given, re-imports it: clauses that kept their
 * words keep their rows; edited ones are followed; the rest are retired (links on them stay and
 * still quote what was confirmed), new ones added. Linked campaigns may be replaced too.
 */
export async function updateDocument(
  s: Services,
  actor: Actor | null,
  id: string,
  input: Partial<Omit<DocumentInput, 'campaignIds'> & { campaigns: string[] }>,
): Promise<ReimportSummary | null> {
  documentOr404(s, id);
  const current = documentCampaignIds(s, id);
  const next = input.campaigns ? campaignIdsOf(s, input.campaigns) : current;
  const user = requireCurator(s, actor, [...new Set([...current, ...next])]);
  const newClauses = input.text !== undefined ? splitOrRefuse(input.text) : null;
  const now = s.clock.now();
  return s.writer.run(() => {
    const set = s.sqlite.prepare(`update policy_documents set updated_at = ? where id = ?`);
    set.run(now, id);
    const fields: [string, string | null | undefined][] = [
      ['title', input.title],
      ['issuer', input.issuer],
      ['issued_on', input.issuedOn],
      ['source_url', input.sourceUrl],
    ];
    for (const [column, value] of fields)
      if (value !== undefined)
        s.sqlite.prepare(`update policy_documents set ${column} = ? where id = ?`).run(value, id);
    if (input.campaigns) {
      s.sqlite.prepare('delete from policy_document_campaigns where document_id = ?').run(id);
      const link = s.sqlite.prepare(
        'insert into policy_document_campaigns (document_id, campaign_id) values (?, ?)',
      );
      for (const campaignId of new Set(next)) link.run(id, campaignId);
    }
    let summary: ReimportSummary | null = null;
    if (newClauses) {
      summary = reimportClauses(s, id, newClauses, now);
      s.sqlite
        .prepare('update policy_documents set text = ?, revision = revision + 1 where id = ?')
        .run(input.text, id);
    }
    if (newClauses || input.campaigns)
      for (const campaignId of new Set(next)) queueMatching(s, campaignId, id, user.id);
    return summary;
  });
}

function reimportClauses(
  s: Services,
  documentId: string,
  newClauses: Clause[],
  now: number,
): ReimportSummary {
  const oldRows = activeClauses(s, documentId);
  const mapping = reanchor(oldRows.map(toClause), newClauses);
  const rowByNewAnchor = new Map<string, (typeof oldRows)[number]>();
  const summary: ReimportSummary = { kept: 0, moved: 0, edited: 0, retired: 0, added: 0 };
  const retire = s.sqlite.prepare('update policy_clauses set retired_at = ? where id = ?');
  for (const row of oldRows) {
    const to = mapping.get(row.anchor) ?? null;
    if (to === null) {
      retire.run(now, row.id);
      summary.retired++;
    } else rowByNewAnchor.set(to, row);
  }
  const leaves = leafAnchors(newClauses);
  const update = s.sqlite.prepare(
    `update policy_clauses set anchor = ?, path = ?, kind = ?, text = ?, hash = ?, position = ?,
       parent_anchor = ?, leaf = ? where id = ?`,
  );
  const added: { clause: Clause; at: number }[] = [];
  newClauses.forEach((c, i) => {
    const row = rowByNewAnchor.get(c.anchor);
    if (!row) {
      added.push({ clause: c, at: i });
      return;
    }
    if (row.hash !== c.hash) summary.edited++;
    else if (row.anchor !== c.anchor) summary.moved++;
    else summary.kept++;
    update.run(
      c.anchor,
      JSON.stringify(c.path),
      c.kind,
      c.text,
      c.hash,
      i,
      c.parent,
      leaves.has(c.anchor) ? 1 : 0,
      row.id,
    );
  });
  insertClauses(s, documentId, added, leaves, now);
  summary.added = added.length;
  // Proposals on words the document no longer has are void; confirmed links stay.
  s.sqlite
    .prepare(
      `delete from adoption_candidates where state = 'proposed' and clause_id in
         (select id from policy_clauses where document_id = ? and retired_at is not null)`,
    )
    .run(documentId);
  return summary;
}
