// Changing a document's details, its campaigns, or re-importing its text. A re-import follows each
// clause to its place in the new text (same words first, then the most similar edited clause, see
// reanchor()), so a confirmed link keeps its clause row — and its words — when paragraphs
// elsewhere change. One transaction, with a matching run queued per campaign.
import { reanchor, type Clause } from '../adoption/clauses.ts';
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { ApiError } from '../http/api-error.ts';
import { kickJobs } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
import {
  campaignIdsOf,
  clauseColumns,
  leafAnchors,
  newClauseRows,
  splitText,
  type DocumentInput,
} from './document-input.ts';
import { toClause } from './clause-rows.ts';
import { queueMatching } from './queue-matching.ts';

export type ReimportSummary = {
  kept: number;
  moved: number;
  edited: number;
  retired: number;
  added: number;
};

/**
 * Clauses that kept their words keep their rows; edited ones are followed; the rest are retired
 * (links on them stay and still quote what was confirmed), new ones added.
 */
async function reimportClauses(
  tx: Tx,
  documentId: string,
  newClauses: Clause[],
  now: number,
): Promise<ReimportSummary> {
  const oldRows = await tx.adoption.activeClauses(documentId);
  const mapping = reanchor(oldRows.map(toClause), newClauses);
  const rowByNewAnchor = new Map<string, (typeof oldRows)[number]>();
  const summary: ReimportSummary = { kept: 0, moved: 0, edited: 0, retired: 0, added: 0 };
  const retired: string[] = [];
  for (const row of oldRows) {
    const to = mapping.get(row.anchor) ?? null;
    if (to === null) retired.push(row.id);
    else rowByNewAnchor.set(to, row);
  }
  await tx.adoption.retireClauses(retired, now);
  summary.retired = retired.length;
  const leaves = leafAnchors(newClauses);
  const added: { clause: Clause; at: number }[] = [];
  for (const [i, c] of newClauses.entries()) {
    const row = rowByNewAnchor.get(c.anchor);
    if (!row) {
      added.push({ clause: c, at: i });
      continue;
    }
    if (row.hash !== c.hash) summary.edited++;
    else if (row.anchor !== c.anchor) summary.moved++;
    else summary.kept++;
    const next = clauseColumns(c, i, leaves);
    // Only rows that changed are written: a re-import mostly keeps clauses where they were.
    const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === row[k]);
    if (!same) await tx.adoption.updateClause({ id: row.id, ...next });
  }
  await tx.adoption.insertClauses(newClauseRows(documentId, added, leaves, now));
  summary.added = added.length;
  await tx.adoption.dropProposalsOnRetired(documentId);
  return summary;
}

/**
 * Changes a document's details and, when `text` is given, re-imports it. Linked campaigns may be
 * replaced too; the curator must curate the campaigns it fed and those it will feed.
 */
export async function updateDocument(
  s: Services,
  actor: Actor | null,
  id: string,
  input: Partial<DocumentInput>,
): Promise<ReimportSummary | null> {
  // Splitting is CPU work: done before the write, refused (if empty) where the order of checks says.
  const split = input.text !== undefined ? splitText(input.text) : null;
  const named = input.campaigns;
  const now = s.clock.now();
  const summary = await s.store.write(async (tx) => {
    if (!(await tx.adoption.documentHead(id)))
      throw new ApiError('not_found', 'No such policy document');
    const current = await tx.adoption.documentCampaignIds(id);
    const next = named ? [...new Set(campaignIdsOf(s, named))] : current;
    const user = requireCurator(s, actor, [...new Set([...current, ...next])]);
    if (split !== null && !Array.isArray(split)) throw split;
    await tx.adoption.updateDocument(
      id,
      {
        title: input.title,
        issuer: input.issuer,
        issuedOn: input.issuedOn,
        sourceUrl: input.sourceUrl,
      },
      now,
    );
    if (named) {
      await tx.adoption.unlinkCampaigns(id);
      await tx.adoption.linkCampaigns(id, next);
    }
    let reimport: ReimportSummary | null = null;
    if (split !== null) {
      reimport = await reimportClauses(tx, id, split, now);
      await tx.adoption.reimportText(id, input.text!);
    }
    if (split !== null || named)
      for (const campaignId of next) await queueMatching(tx, now, campaignId, id, user.id);
    return reimport;
  });
  kickJobs(s);
  return summary;
}
