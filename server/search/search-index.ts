import type { Services } from '../services.ts';
import type { Tx } from '../store/store.ts';
import { publicStatuses } from '../submissions/submission-row.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';
import { submissionSearchWords } from './search-words.ts';

/**
 * (Re)indexes one submission's public words: masked title and body plus its approved replies,
 * masked by the same pass. Only what the public may read is indexed, so a search for a phone
 * number, in any spelling, finds nothing. Call inside the write that changed the submission.
 */
export function indexSubmission(s: Services, tx: Tx, submissionId: string): Promise<void> {
  return indexSubmissionWords(s, tx, submissionId, undefined);
}

/**
 * `indexSubmission` with the title and body's words already segmented (by the sensemaking
 * queue's worker, see `submissionSearchWords`); they are used only while the submission has no
 * replies. Call inside the write that changed the submission (`tx`); it only awaits `tx`.
 */
export async function indexSubmissionWords(
  _s: Services,
  tx: Tx,
  submissionId: string,
  titleBodyWords: string | undefined,
): Promise<void> {
  const [row, holds] = await Promise.all([
    tx.search.publicCopy(submissionId),
    // Text withheld after reports (server/trust) is not searchable either, nor are held replies.
    tx.trust.holds('submission', [submissionId]),
  ]);
  if (!row || !publicStatuses.includes(row.status) || holds.has(submissionId)) {
    await tx.search.unindex(submissionId);
    return;
  }
  const replies = (await tx.search.shownReplyBodies(submissionId)).map(
    (body) => maskPersonalData(body).text,
  );
  const words =
    titleBodyWords !== undefined && replies.length === 0
      ? titleBodyWords
      : submissionSearchWords(row.title, row.body, replies);
  await tx.search.index(submissionId, words);
}
