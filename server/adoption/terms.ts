// Terms for adoption matching, from the shared text pipeline: jieba's search-mode words (so 养老
// is found inside 养老服务) without stop words, plus word pairs that stand next to each other in
// the text (保障性|住房), which reward a shared phrase over the same words scattered apart.
import { isStopWord, normalizeText, segmenter } from '../sensemaking/text-pipeline.ts';

export const PAIR_SEPARATOR = '|';

const hasLetterOrDigit = /[\p{L}\p{N}]/u;
/** Numbers, dates, amounts and anonymised codes (2019, 30元, a3, u0008488) say nothing about a topic. */
const numberLike = /^[\p{N}a-z.%]*[\p{N}][\p{N}a-z.%]*[年月日元号岁万亿]?$/u;

const contentCache = new Map<string, boolean>();

export function isContentWord(word: string): boolean {
  let ok = contentCache.get(word);
  if (ok === undefined) {
    ok =
      word.trim() !== '' &&
      hasLetterOrDigit.test(word) &&
      !isStopWord(word) &&
      !numberLike.test(word) &&
      !/^[a-z]$/.test(word);
    // Words repeat a lot; the cache is bounded so a flood of odd tokens cannot grow it forever.
    if (contentCache.size < 200_000) contentCache.set(word, ok);
  }
  return ok;
}

export interface TermCounts {
  /** term → weighted count; pair terms are joined with PAIR_SEPARATOR. */
  counts: Map<string, number>;
  /** Number of whole content words: the length for BM25. */
  length: number;
  /** The normalised text the terms come from. */
  normalized: string;
}

export interface TermWeights {
  /** A word jieba's search mode finds inside a longer word (养老 in 养老服务). Default 0.5. */
  part: number;
  /** A character pair inside a word of three or more characters that jieba does not split out
   * (普惠 in 普惠性): catches words segmented differently on the two sides. Default 0.3. */
  gram: number;
  /** A one-character word (路, 房, 年): mostly noise. Default 0.2. */
  single: number;
}

export const DEFAULT_TERM_WEIGHTS: TermWeights = { part: 0.5, gram: 0.3, single: 0.2 };

/**
 * Weighted content words of a text (search mode, as segmentWords gives them, minus numbers), the
 * character pairs inside long words, and the pairs of neighbouring whole words.
 */
export function termCounts(text: string, weights: TermWeights = DEFAULT_TERM_WEIGHTS): TermCounts {
  const normalized = normalizeText(text);
  const tokens = segmenter().cutForSearch(normalized, true);
  // Search mode emits a long word's dictionary parts right before the word (事业 单位 事业单位):
  // scanning backwards, a token inside the next whole word is one of its parts.
  const whole: boolean[] = new Array<boolean>(tokens.length);
  let next = '';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    whole[i] = !(next.length > t.length && next.includes(t));
    if (whole[i]) next = t;
  }
  const counts = new Map<string, number>();
  const add = (t: string, w: number) => {
    if (w > 0) counts.set(t, (counts.get(t) ?? 0) + w);
  };
  let length = 0;
  let previous: string | null = null;
  // Dictionary parts of the current word, so its character pairs do not count them twice.
  let parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const content = isContentWord(t);
    if (!whole[i]) {
      if (content) add(t, t.length === 1 ? weights.single : weights.part);
      parts.push(t);
      continue;
    }
    if (!content) {
      parts = [];
      // A stop word does not break a phrase (城乡居民的养老), punctuation and numbers do.
      if (!hasLetterOrDigit.test(t) || numberLike.test(t)) previous = null;
      continue;
    }
    add(t, t.length === 1 ? weights.single : 1);
    if (t.length >= 3 && weights.gram > 0) {
      for (let k = 0; k + 1 < t.length; k++) {
        const g = t.slice(k, k + 2);
        if (!parts.includes(g) && isContentWord(g)) add(g, weights.gram);
      }
    }
    if (parts.length) parts = [];
    length++;
    if (previous !== null && previous !== t) add(previous + PAIR_SEPARATOR + t, 1);
    previous = t;
  }
  return { counts, length, normalized };
}

/** Compiled thesaurus: finds the entries whose words occur in a normalised text. */
export interface CompiledThesaurus {
  /** The entries with a `when` word in the text, each with the first such word found. */
  find(normalized: string): { entry: number; word: string }[];
  /** The weighted terms each entry adds. */
  terms: Map<string, number>[];
  /** The policy terms of each entry as written (for highlighting). */
  adds: string[][];
}

export function compileThesaurus(
  entries: { when: string; add: string }[],
  weights: TermWeights = DEFAULT_TERM_WEIGHTS,
): CompiledThesaurus {
  // Words by their first character, so a text is scanned once.
  const byFirst = new Map<string, { word: string; entry: number }[]>();
  entries.forEach((e, entry) => {
    for (const raw of e.when.split(/\s+/)) {
      const word = normalizeText(raw);
      if (!word) continue;
      const first = word[0]!;
      const list = byFirst.get(first);
      if (list) list.push({ word, entry });
      else byFirst.set(first, [{ word, entry }]);
    }
  });
  const terms = entries.map((e) => termCounts(e.add.split(/\s+/).join('\n'), weights).counts);
  const adds = entries.map((e) =>
    e.add
      .split(/\s+/)
      .map((w) => normalizeText(w))
      .filter(Boolean),
  );
  return {
    terms,
    adds,
    find(normalized) {
      const found = new Map<number, string>();
      for (let i = 0; i < normalized.length; i++) {
        const list = byFirst.get(normalized[i]!);
        if (!list) continue;
        for (const { word, entry } of list) {
          if (!found.has(entry) && normalized.startsWith(word, i)) found.set(entry, word);
        }
      }
      return [...found].map(([entry, word]) => ({ entry, word }));
    },
  };
}
