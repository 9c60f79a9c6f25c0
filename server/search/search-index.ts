import type { Services } from '../services.ts';
import { holdOf, shownSql } from '../trust/content-holds.ts';
import { segmentWords } from '../sensemaking/text-pipeline.ts';
import { publicStatuses } from '../submissions/submission-row.ts';

/**
 * (Re)indexes one submission's public words: masked title and body plus its approved replies.
 * Only what the public may read is indexed, so a search for a phone number finds nothing.
 * Call inside the transaction that changed the submission.
 */
export function indexSubmission(s: Services, submissionId: string): void {
  s.sqlite.prepare('delete from submission_search where submission_id = ?').run(submissionId);
  const row = s.sqlite
    .prepare(
      'select title_public as title, body_public as body, status from submissions where id = ?',
    )
    .get(submissionId) as { title: string; body: string; status: string } | undefined;
  if (!row || !publicStatuses.includes(row.status as (typeof publicStatuses)[number])) return;
  // Text withheld after reports (server/trust) is not searchable either, nor are held replies.
  if (holdOf(s, 'submission', submissionId)) return;
  const replies = s.sqlite
    .prepare(
      `select body from replies r where submission_id = ? and state = 'approved' and ${shownSql('reply', 'r.id')}`,
    )
    .pluck()
    .all(submissionId) as string[];
  const words = segmentWords([row.title, row.title, row.body, ...replies].join('\n'));
  s.sqlite
    .prepare('insert into submission_search (submission_id, words) values (?, ?)')
    .run(submissionId, words.join(' '));
}
