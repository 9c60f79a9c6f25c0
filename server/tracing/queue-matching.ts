import { enqueueJob } from '../jobs/job-runner.ts';
import type { Services } from '../services.ts';

/**
 * Queues candidate matching for a campaign: one document (`documentId`) or every document that
 * feeds it (null, after its clusters changed). A run already waiting for the same work is enough.
 */
export function queueMatching(
  s: Services,
  campaignId: string,
  documentId: string | null,
  requestedBy: string | null,
): string | null {
  const waiting = s.sqlite
    .prepare(
      `select id from jobs where kind = 'match-adoption' and status = 'queued' and campaign_id = ?
         and (subject_id is null or subject_id is ?)`,
    )
    .pluck()
    .get(campaignId, documentId) as string | undefined;
  if (waiting) return waiting;
  if (documentId === null) {
    const feeds = s.sqlite
      .prepare('select 1 from policy_document_campaigns where campaign_id = ? limit 1')
      .get(campaignId);
    if (!feeds) return null;
  }
  return enqueueJob(s, 'match-adoption', campaignId, requestedBy, documentId);
}
