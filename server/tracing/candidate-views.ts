// The candidates an editor decides on: a document's proposals (or decisions), best first, for the
// campaigns the reader curates. A page costs the same few statements however long it is.
import type { CandidateState } from '../../schema/states.ts';
import type { Actor } from '../auth/actor.ts';
import { canCurateCampaign } from '../auth/curators.ts';
import { requireActor } from '../auth/permissions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { viewTargets, type TargetView } from './adoption-views.ts';
import { citeClause } from './clause-rows.ts';
import type { StoredPhrase } from './match-job.ts';

export type CandidateView = {
  id: number;
  score: number;
  state: CandidateState;
  clause: { id: string; anchor: string; label: string; text: string };
  target: TargetView;
  phrases: StoredPhrase[];
};

const pageSize = 20;

/** A page of a document's candidates in `state`, for the campaigns the reader curates. */
export async function documentCandidates(
  s: Services,
  actor: Actor | null,
  documentId: string,
  query: { state: CandidateState; page: number },
): Promise<{ items: CandidateView[]; total: number }> {
  const q = s.store;
  if (!(await q.adoption.documentHead(documentId)))
    throw new ApiError('not_found', 'No such policy document');
  const reader = requireActor(actor);
  const mine = (await q.adoption.documentCampaignIds(documentId)).filter((id) =>
    canCurateCampaign(s, reader, id),
  );
  if (!mine.length)
    throw new ApiError('forbidden', "Only editors and the campaigns' owners see candidates");
  const { rows, total } = await q.adoption.candidatePage(
    documentId,
    query.state,
    mine,
    pageSize,
    (query.page - 1) * pageSize,
  );
  const [clauses, targets] = await Promise.all([
    q.adoption.clauses(rows.map((r) => r.clauseId)),
    viewTargets(
      s,
      q,
      rows.map((r) => ({ kind: r.targetKind, id: r.targetId, campaignId: r.campaignId })),
      true,
    ),
  ]);
  const items = rows.map((r, i) => ({
    id: r.id,
    score: r.score,
    state: r.state,
    clause: citeClause(clauses.get(r.clauseId)!),
    target: targets[i]!,
    phrases: JSON.parse(r.phrases) as StoredPhrase[],
  }));
  return { items, total };
}
