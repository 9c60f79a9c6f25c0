import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { onReplica, type Services } from '../services.ts';
import type { Store } from '../store/store.ts';
import { normalizeText, segmentWords } from '../sensemaking/text-pipeline.ts';
import { fts5Match, searchCountCap, type SearchFilters, type SearchTerm } from '../store/search.ts';
import type { SubmissionRow } from '../submissions/submission-row.ts';
import { viewSubmissions } from '../submissions/submission-view.ts';

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
const countCap = searchCountCap;
const rankLimit = countCap;

/**
 * The terms of a query: its words, all required. A query of one character is a prefix match
 * (words are indexed whole, so 房 alone would otherwise only match the word 房). Single
 * characters the segmenter left from a longer word it does not know (西地 → 西, 地) are matched
 * as a phrase of exactly those words: prefix matches on common characters are both slow (every
 * word starting with 西) and mostly wrong. Null when the query has no words.
 */
export function searchTerms(q: string): SearchTerm[] | null {
  const words = [...new Set(segmentWords(q))].slice(0, 12);
  if (words.length === 0) return null;
  const single = (w: string) => [...w].length === 1;
  const terms: SearchTerm[] = [];
  for (let i = 0; i < words.length;) {
    if (!single(words[i]!)) {
      terms.push({ words: [words[i++]!], prefix: false });
      continue;
    }
    const run: string[] = [];
    while (i < words.length && single(words[i]!)) run.push(words[i++]!);
    terms.push({ words: run, prefix: run.length === 1 });
  }
  return terms;
}

/** The FTS5 expression of a query (SQLite; PostgreSQL reads the same terms as a tsquery). */
export function matchExpression(q: string): string | null {
  const terms = searchTerms(q);
  return terms && fts5Match(terms);
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
async function rowsInOrder(store: Store, ids: string[]): Promise<SubmissionRow[]> {
  const byId = new Map((await store.submissions.findMany(ids)).map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

const chinaDayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

export async function searchSubmissions(
  s: Services,
  q: SearchQuery,
): Promise<{ rows: SubmissionRow[]; total: number; capped: boolean }> {
  const terms = searchTerms(q.q);
  if (!terms) return { rows: [], total: 0, capped: false };
  let campaignId: string | undefined;
  if (q.campaign) {
    const campaign = s.campaigns.get(q.campaign);
    if (!campaign) return { rows: [], total: 0, capped: false };
    campaignId = campaign.id;
  }
  const filters: SearchFilters = {
    campaignId,
    topic: q.topic,
    region: q.region,
    status: q.status,
    publishedFrom: q.from ? chinaDayStart(q.from) : undefined,
    publishedTo: q.to ? chinaDayStart(q.to) + 86_400_000 : undefined,
  };
  const total = await s.store.replica.search.count(terms, filters);
  // Ranking (BM25 on SQLite, ts_rank on PostgreSQL) is over every match: for a word in thousands
  // of submissions (小区 at a million) that costs hundreds of milliseconds and says little, so
  // those list the most recent first, which the index reads straight off. Adding a word narrows
  // the matches and brings ranking back.
  const ids = await s.store.replica.search.page(terms, filters, q.sort, total <= rankLimit, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    rows: await rowsInOrder(s.store.replica, ids),
    total: Math.min(total, countCap),
    capped: total > countCap,
  };
}

/** A page of search results for a reader: the submissions as they may see them, highlighted. */
export async function searchPage(
  s: Services,
  actor: Actor | null,
  clientIp: string,
  q: SearchQuery,
) {
  await s.limiter.hit(
    `search:ip:${clientIp}`,
    s.config.HUIYIN_SEARCH_PER_IP_PER_MINUTE,
    60_000,
    'Too many searches from this network; please wait',
  );
  // A visitor's whole page comes from the standby (if any); a signed-in reader's own supports
  // and what they may see come from the primary.
  const reads = actor ? s : onReplica(s);
  const { rows, total, capped } = await searchSubmissions(reads, q);
  const ids = rows.map((r) => r.id);
  const [supported, weights] = await Promise.all([
    reads.store.submissions.supportedBy(actor?.id, ids),
    reads.store.submissions.voiceWeights(ids),
  ]);
  const views = await viewSubmissions(reads, actor, rows, { supported, weights });
  const items = rows.map((r, i) => ({
    submission: views[i]!,
    title: highlight(r.titlePublic, q.q, 200),
    snippet: highlight(r.bodyPublic, q.q),
  }));
  return { items, page: q.page, pageSize: q.pageSize, total, capped };
}

/**
 * Published submissions of a campaign about the same things as `text` (any of its words, best
 * first): shown while a netizen types, so they can support one instead of repeating it.
 */
export async function relatedInCampaign(
  s: Services,
  campaignId: string,
  text: string,
  limit: number,
): Promise<SubmissionRow[]> {
  const counts = new Map<string, number>();
  for (const w of segmentWords(text))
    if ([...w].length > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, 12);
  if (words.length === 0) return [];
  const ids = await s.store.search.related(
    campaignId,
    words.map(([w]) => w),
    limit,
  );
  return rowsInOrder(s.store, ids);
}
