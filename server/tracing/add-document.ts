// Adding a policy document: its details, the campaigns it feeds, its text split into addressable
// clauses, and a matching run queued per campaign, in one transaction.
import type { Actor } from '../auth/actor.ts';
import { requireCurator } from '../auth/curators.ts';
import { newId } from '../ids.ts';
import { kickJobs } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';
import {
  campaignIdsOf,
  leafAnchors,
  newClauseRows,
  splitText,
  type DocumentInput,
} from './document-input.ts';
import { queueMatching } from './queue-matching.ts';

export async function addDocument(
  s: Services,
  actor: Actor | null,
  input: DocumentInput,
): Promise<{ id: string; clauses: number }> {
  const campaignIds = [...new Set(campaignIdsOf(s, input.campaigns))];
  const user = requireCurator(s, actor, campaignIds);
  const clauses = splitText(input.text);
  if (!Array.isArray(clauses)) throw clauses;
  const now = s.clock.now();
  const id = newId('doc', now);
  const rows = newClauseRows(
    id,
    clauses.map((clause, at) => ({ clause, at })),
    leafAnchors(clauses),
    now,
  );
  await s.store.write(async (tx) => {
    await tx.adoption.insertDocument({
      id,
      title: input.title,
      issuer: input.issuer,
      issuedOn: input.issuedOn,
      sourceUrl: input.sourceUrl,
      text: input.text,
      createdBy: user.id,
      createdAt: now,
    });
    await tx.adoption.linkCampaigns(id, campaignIds);
    await tx.adoption.insertClauses(rows);
    for (const campaignId of campaignIds) await queueMatching(tx, now, campaignId, id, user.id);
  });
  kickJobs(s);
  return { id, clauses: clauses.length };
}
