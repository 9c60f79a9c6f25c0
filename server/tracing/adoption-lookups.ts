// What the adoption verbs and the member views look up before they act: an adoption (or 404), a
// target named by hand, and the rule that a quote is words of its clause.
import type { AdoptionTargetKind } from '../../schema/states.ts';
import { ApiError } from '../http/api-error.ts';
import type { AdoptionHead, ClauseRow } from '../store/adoption.ts';
import type { Tx } from '../store/store.ts';

export async function adoptionOr404(q: Tx, id: string): Promise<AdoptionHead> {
  const row = await q.adoption.adoptionHead(id);
  if (!row) throw new ApiError('not_found', 'No such adoption');
  return row;
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** The quote must be words of the clause (whitespace aside): evidence, not paraphrase. */
export function checkSpan(clause: ClauseRow, span: string): void {
  if (!squash(span) || !squash(clause.text).includes(squash(span)))
    throw new ApiError('span_not_in_clause', 'The quoted words are not in the clause', {
      fields: { quotedSpan: 'not in the clause' },
    });
}

/**
 * A target named by hand (a cluster id, or a submission's id or reference number), as it stands
 * now, in a campaign the document feeds.
 */
export async function resolveTarget(
  q: Tx,
  documentId: string,
  target: { kind: AdoptionTargetKind; id: string },
): Promise<{ kind: AdoptionTargetKind; targetId: string; campaignId: string }> {
  let campaignId: string | undefined;
  let targetId = target.id;
  if (target.kind === 'cluster') {
    targetId = await q.adoption.liveClusterId(target.id);
    campaignId = await q.adoption.clusterCampaign(targetId);
  } else {
    const row = await q.adoption.publishedSubmission(target.id);
    if (row) {
      campaignId = row.campaignId;
      targetId = row.id;
    }
  }
  if (!campaignId)
    throw new ApiError('not_found', `No published ${target.kind} ${target.id}`, {
      fields: { target: 'not found' },
    });
  if (!(await q.adoption.documentCampaignIds(documentId)).includes(campaignId))
    throw new ApiError(
      'validation_failed',
      "The document does not feed that suggestion's campaign",
      {
        fields: { target: 'other campaign' },
      },
    );
  return { kind: target.kind, targetId, campaignId };
}
