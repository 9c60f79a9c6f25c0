import { cachedStatement } from '../db/statement-cache.ts';
import type { Services } from '../services.ts';
import { holdOfLegacy, shownSql } from '../trust/content-holds.ts';
import { submissionSearchWords } from './search-words.ts';
import { publicStatuses, publicText } from '../submissions/submission-row.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';

/**
 * (Re)indexes one submission's public words: masked title and body plus its approved replies,
 * masked by the same pass. Only what the public may read is indexed, so a search for a phone
 * number, in any spelling, finds nothing.
 * Call inside the transaction that changed the submission.
 */
export function indexSubmission(s: Services, submissionId: string): void {
  indexSubmissionWords(s, submissionId);
}

/**
 * `indexSubmission` with the title and body's words already segmented (by the sensemaking
 * queue's worker, see `submissionSearchWords`); they are used only while the submission has no replies.
 */
export function indexSubmissionWords(
  s: Services,
  submissionId: string,
  titleBodyWords?: string,
): void {
  unindex(s, submissionId);
  const row = cachedStatement(
    s.sqlite,
    `select ${publicText('', 'title')} as title, ${publicText('', 'body')} as body, status from submissions where id = ?`,
  ).get(submissionId) as { title: string; body: string; status: string } | undefined;
  if (!row || !publicStatuses.includes(row.status as (typeof publicStatuses)[number])) return;
  // Text withheld after reports (server/trust) is not searchable either, nor are held replies.
  if (holdOfLegacy(s, 'submission', submissionId)) return;
  const replies = cachedStatement(
    s.sqlite,
    `select body from replies r where submission_id = ? and state = 'approved' and ${shownSql('reply', 'r.id')}`,
  )
    .pluck()
    .all(submissionId)
    .map((body) => maskPersonalData(body as string).text);
  const words =
    titleBodyWords !== undefined && replies.length === 0
      ? titleBodyWords
      : submissionSearchWords(row.title, row.body, replies);
  const { lastInsertRowid } = cachedStatement(
    s.sqlite,
    'insert into submission_search (submission_id, words) values (?, ?)',
  ).run(submissionId, words);
  cachedStatement(
    s.sqlite,
    'insert into submission_search_rows (submission_id, search_rowid) values (?, ?)',
  ).run(submissionId, lastInsertRowid);
}

/** Takes a submission's words out of the index, by rowid (the only fast way into FTS5). */
function unindex(s: Services, submissionId: string): void {
  const rowid = cachedStatement(
    s.sqlite,
    'delete from submission_search_rows where submission_id = ? returning search_rowid',
  )
    .pluck()
    .get(submissionId) as number | undefined;
  if (rowid !== undefined)
    cachedStatement(s.sqlite, 'delete from submission_search where rowid = ?').run(rowid);
}
