import { enqueueJob } from '../jobs/job-runner.ts';
import type { Tx } from '../store/store.ts';

/**
 * Queues candidate matching for a campaign, inside the caller's write: one document
 * (`documentId`) or every document that feeds it (null, after its clusters changed). A run
 * already waiting for the same work is enough. Returns the job's id (null when no document
 * feeds the campaign); the caller kicks the runner (`kickJobs`) once its write has resolved.
 */
export async function queueMatching(
  tx: Tx,
  now: number,
  campaignId: string,
  documentId: string | null,
  requestedBy: string | null,
): Promise<string | null> {
  const waiting = await tx.jobs.queuedFor('match-adoption', campaignId, documentId);
  if (waiting) return waiting;
  if (documentId === null && !(await tx.adoption.feedsCampaign(campaignId))) return null;
  return enqueueJob(tx, now, 'match-adoption', campaignId, requestedBy, documentId);
}
