import { z } from 'zod';
import type { Services } from '../services.ts';
import { normalizeText, segmentWords } from '../sensemaking/text-pipeline.ts';
import {
  submissionColumns,
  submissionFrom,
  type SubmissionRow,
} from '../submissions/submission-row.ts';

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  campaign: z.string().max(64).optional(),
  topic: z.string().max(64).optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  status: z.enum(['published', 'answered', 'closed']).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  sort: z.enum(['relevance', 'newest', 'supports']).default('relevance'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/**
 * Counting every match of a common word at a million rows is the slow part: stop at this many
 * ("more than 1,000 results"); above it, results also come newest first instead of ranked.
 */
const countCap = 1_000;
const rankLimit = countCap;

/**
 * The FTS5 expression for a query: its words, all required. A query of one character is a prefix
 * match (words are indexed whole, so 房 alone would otherwise only match the word 房). Single
 * characters the segmenter left from a longer word it does not know (西地 → 西, 地) are matched
 * as a phrase of exactly those words: prefix matches on common characters are both slow (every
 * word starting with 西) and mostly wrong.
 */
export function matchExpression(q: string): string | null {
  const words = [...new Set(segmentWords(q))].slice(0, 12);
  if (words.length === 0) return null;
  const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
  const single = (w: string) => [...w].length === 1;
  if (words.length === 1 && single(words[0]!)) return `${quote(words[0]!)}*`;
  const parts: string[] = [];
  for (let i = 0; i < words.length;) {
    if (!single(words[i]!)) {
      parts.push(quote(words[i++]!));
      continue;
    }
    const run: string[] = [];
    while (i < words.length && single(words[i]!)) run.push(words[i++]!);
    parts.push(run.length > 1 ? `"${run.join(' ').replace(/"/g, '""')}"` : `${quote(run[0]!)}*`);
  }
  return parts.join(' AND ');
}

/** Highlights: where the query's words occur in a public text, for the client to mark. */
export function highlight(
  text: string,
  q: string,
  maxLength = 160,
): { text: string; marks: [number, number][] } {
  const words = [...new Set(segmentWords(q))].sort((a, b) => b.length - a.length);
  const folded = normalizeText(text);
  // Normalisation keeps length for CJK text, so offsets line up unless white space was folded.
  const haystack = folded.length === text.length ? folded : text;
  const marks: [number, number][] = [];
  for (const w of words) {
    for (let i = haystack.indexOf(w); i !== -1; i = haystack.indexOf(w, i + w.length)) {
      if (!marks.some(([a, b]) => i < b && i + w.length > a)) marks.push([i, i + w.length]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const first = marks[0]?.[0] ?? 0;
  const start =
    text.length <= maxLength ? 0 : Math.max(0, Math.min(first - 20, text.length - maxLength));
  const end = Math.min(text.length, start + maxLength);
  return {
    text: `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
    marks: marks
      .filter(([a, b]) => a >= start && b <= end)
      .map(
        ([a, b]) =>
          [a - start + (start > 0 ? 1 : 0), b - start + (start > 0 ? 1 : 0)] as [number, number],
      ),
  };
}

/** Submission rows for ids, in the order given. */
function rowsInOrder(s: Services, ids: string[]): SubmissionRow[] {
  if (!ids.length) return [];
  const found = s.sqlite
    .prepare(
      `select ${submissionColumns} ${submissionFrom} where s.id in (${ids.map(() => '?').join(', ')})`,
    )
    .all(...ids) as SubmissionRow[];
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

const chinaDayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

export function searchSubmissions(
  s: Services,
  q: SearchQuery,
): { rows: SubmissionRow[]; total: number; capped: boolean } {
  const match = matchExpression(q.q);
  if (!match) return { rows: [], total: 0, capped: false };
  const where = ['submission_search match @match'];
  const params: Record<string, string | number> = { match };
  if (q.campaign) {
    const campaign = s.campaigns.get(q.campaign);
    if (!campaign) return { rows: [], total: 0, capped: false };
    where.push('s.campaign_id = @campaign');
    params.campaign = campaign.id;
  }
  if (q.topic) {
    where.push('s.topic = @topic');
    params.topic = q.topic;
  }
  if (q.region) {
    where.push("s.region_code like @region || '%'");
    params.region = q.region;
  }
  if (q.status) {
    where.push('s.status = @status');
    params.status = q.status;
  }
  if (q.from) {
    where.push('s.published_at >= @from');
    params.from = chinaDayStart(q.from);
  }
  if (q.to) {
    where.push('s.published_at < @to');
    params.to = chinaDayStart(q.to) + 86_400_000;
  }
  const order = {
    relevance: 'bm25(submission_search)',
    newest: 's.published_at desc',
    supports: 's.support_count desc, s.published_at desc',
  }[q.sort];
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  // Only public text is indexed, so with no filter the index alone answers: FTS5 ranks every
  // match in C and only the page's rows are joined. Joining every match first (hundreds of
  // thousands for a common word at a million submissions) is what made search slow.
  const counted =
    where.length === 1
      ? 'select 1 from submission_search where submission_search match @match'
      : `select 1 from submission_search join submissions s on s.id = submission_search.submission_id where ${where.join(' and ')}`;
  const total = s.sqlite
    .prepare(`select count(*) from (${counted} limit ${countCap + 1})`)
    .pluck()
    .get(params) as number;
  const indexOnly = where.length === 1 && q.sort === 'relevance';
  // Ranking is BM25 over every match: for a word in thousands of submissions (小区 at a million)
  // that costs hundreds of milliseconds and says little, so those list the most recently indexed
  // first, which FTS5 reads straight off its index. Adding a word narrows the matches and brings
  // ranking back.
  const indexOrder = total > rankLimit ? 'rowid desc' : 'rank';
  const rows = indexOnly
    ? rowsInOrder(
        s,
        s.sqlite
          .prepare(
            `select submission_id from submission_search where submission_search match @match order by ${indexOrder} limit @limit offset @offset`,
          )
          .pluck()
          .all({ match, ...page }) as string[],
      )
    : (s.sqlite
        .prepare(
          `select ${submissionColumns} from submission_search join submissions s on s.id = submission_search.submission_id join users u on u.id = s.author_id where ${where.join(' and ')} order by ${order} limit @limit offset @offset`,
        )
        .all({ ...params, ...page }) as SubmissionRow[]);
  return { rows, total: Math.min(total, countCap), capped: total > countCap };
}

/**
 * Published submissions of a campaign about the same things as `text` (any of its words, best
 * BM25 first): shown while a netizen types, so they can support one instead of repeating it.
 */
export function relatedInCampaign(
  s: Services,
  campaignId: string,
  text: string,
  limit: number,
): SubmissionRow[] {
  const counts = new Map<string, number>();
  for (const w of segmentWords(text))
    if ([...w].length > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, 12);
  if (words.length === 0) return [];
  const match = words.map(([w]) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
  return s.sqlite
    .prepare(
      `select ${submissionColumns} from submission_search join submissions s on s.id = submission_search.submission_id
       join users u on u.id = s.author_id where submission_search match ? and s.campaign_id = ?
       order by bm25(submission_search) limit ?`,
    )
    .all(match, campaignId, limit) as SubmissionRow[];
}
