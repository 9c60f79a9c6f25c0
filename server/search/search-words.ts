import { segmentWords } from '../sensemaking/text-pipeline.ts';

/**
 * What the full-text index stores for a submission: the words of its public title (twice, so a
 * title match ranks higher), body and approved replies, space-separated. Pure, so the
 * sensemaking worker can compute it off the request loop.
 */
export function submissionSearchWords(
  title: string,
  body: string,
  replies: readonly string[] = [],
): string {
  return segmentWords([title, title, body, ...replies].join('\n')).join(' ');
}
