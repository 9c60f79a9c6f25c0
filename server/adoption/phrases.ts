// Shared key phrases of a clause and a suggestion, with their offsets in both original texts, for
// highlighting side by side. Comparison runs on a folded copy (NFKC, Simplified script, lower
// case, no white space) that keeps, for every folded character, where it came from, so a phrase
// found in the folded text of 互助性養老 is highlighted on the Traditional characters the citizen
// wrote, and a phrase broken by a line break is still found.
import * as OpenCC from 'opencc-js';
import { segmenter } from '../sensemaking/text-pipeline.ts';
import { isContentWord } from './terms.ts';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** White space as \s sees it, by code point, without a regular expression per character. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = toSimplified(ch.normalize('NFKC')).toLowerCase();
    if (foldCache.size < 100_000) foldCache.set(ch, f);
  }
  return f;
}

export interface Folded {
  text: string;
  /** For each folded character: start offset of its source character in the original. */
  from: number[];
  /** For each folded character: end offset of its source character in the original. */
  to: number[];
  /** Offsets in the folded text where a word (or a search-mode sub-word) starts / ends; null when
   * the text was folded without segmenting it. */
  starts: Set<number> | null;
  ends: Set<number> | null;
  /** Positions of each character pair (key: two UTF-16 units), for finding common substrings. */
  bigrams: Map<number, number[]>;
}

const pairKey = (text: string, at: number) => text.charCodeAt(at) * 65536 + text.charCodeAt(at + 1);

/**
 * The folded copy of a text with its bigram index and, unless `segment` is false, its word
 * boundaries. Phrases are cut on the boundaries of the side that has them (the clause: a few
 * hundred texts, folded once), so the many suggestions need no second segmentation.
 */
export function fold(original: string, options: { segment?: boolean } = {}): Folded {
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < original.length;) {
    const code = original.codePointAt(i)!;
    const ch = code > 0xffff ? original.slice(i, i + 2) : original[i]!;
    const end = i + ch.length;
    if (!isSpace(code)) {
      const f = foldChar(ch);
      if (f.length === 1) {
        parts.push(f);
        from.push(i);
        to.push(end);
      } else {
        for (const g of f) {
          if (isSpace(g.codePointAt(0)!)) continue;
          parts.push(g);
          from.push(i);
          to.push(end);
        }
      }
    }
    i = end;
  }
  const text = parts.join('');
  let starts: Set<number> | null = null;
  let ends: Set<number> | null = null;
  if (options.segment !== false) {
    starts = new Set<number>([0]);
    ends = new Set<number>([text.length]);
    // Word boundaries from jieba's plain and search modes, located in order in the folded text.
    for (const words of [segmenter().cut(text, true), segmenter().cutForSearch(text, true)]) {
      let cursor = 0;
      for (const w of words) {
        const at = text.indexOf(w, Math.max(0, cursor - w.length));
        if (at < 0) continue;
        starts.add(at);
        ends.add(at + w.length);
        cursor = Math.max(cursor, at + w.length);
      }
    }
  }
  const bigrams = new Map<number, number[]>();
  for (let k = 0; k + 1 < text.length; k++) {
    const key = pairKey(text, k);
    const list = bigrams.get(key);
    if (list) list.push(k);
    else bigrams.set(key, [k]);
  }
  return { text, from, to, starts, ends, bigrams };
}

const phraseWordCache = new Map<string, string[]>();

/** Content words of a phrase (cached: the same phrases come back pair after pair). */
function phraseWords(phrase: string): string[] {
  let words = phraseWordCache.get(phrase);
  if (!words) {
    words = segmenter()
      .cut(phrase, true)
      .filter((w) => isContentWord(w));
    if (phraseWordCache.size < 100_000) phraseWordCache.set(phrase, words);
  }
  return words;
}

export interface Span {
  start: number;
  end: number;
}

export interface SharedPhrase {
  /** The phrase as folded (Simplified, lower case). */
  phrase: string;
  /** Sum of the idf of its words: how telling the phrase is. */
  weight: number;
  /** Offsets in the clause text (add clause.start for the document). */
  inClause: Span[];
  /** Offsets in the suggestion text as given. */
  inSuggestion: Span[];
  /** Set when the suggestion does not use the phrase itself but a word the thesaurus relates to
   * it (公租房 for 保障性住房): that word, highlighted at `inSuggestion`. */
  via?: string;
}

export interface PhraseOptions {
  /** idf of a word; words it does not know get `defaultIdf`. */
  idf?: (word: string) => number | undefined;
  defaultIdf?: number;
  /** At most this many phrases, the heaviest first. Default 8. */
  maxPhrases?: number;
  /** Drop phrases lighter than this share of the heaviest. Default 0.2. */
  minRelativeWeight?: number;
  /** At most this many highlighted occurrences per phrase and side. Default 10. */
  maxOccurrences?: number;
}

function occurrences(f: Folded, phrase: string, max: number): number[] {
  const out: number[] = [];
  for (let at = f.text.indexOf(phrase); at >= 0 && out.length < max;) {
    out.push(at);
    at = f.text.indexOf(phrase, at + phrase.length);
  }
  return out;
}

function toSpan(f: Folded, at: number, length: number): Span {
  return { start: f.from[at]!, end: f.to[at + length - 1]! };
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** The longest sub-span of [s, e) that starts and ends on word boundaries (of both texts where
 * both were segmented) and on letters or digits. */
function snap(a: Folded, b: Folded, s: number, e: number, bs: number): [number, number] | null {
  // Offsets in b move with offsets in a: b position = bs + (x - s).
  const startOk = (x: number) =>
    isWordChar(a.text[x]) && (a.starts?.has(x) ?? true) && (b.starts?.has(bs + x - s) ?? true);
  const endOk = (x: number) =>
    isWordChar(a.text[x - 1]) && (a.ends?.has(x) ?? true) && (b.ends?.has(bs + x - s) ?? true);
  let start = s;
  while (start < e && !startOk(start)) start++;
  let end = e;
  while (end > start && !endOk(end)) end--;
  return end - start >= 2 ? [start, end] : null;
}

/**
 * Maximal common substrings of the two texts (at least two characters, on word boundaries in both)
 * that contain a content word, weighted by the idf of their words. Overlapping matches keep the
 * longer one; the same phrase is reported once with all its occurrences on both sides.
 */
export function sharedPhrases(
  clause: Folded,
  suggestion: Folded,
  options: PhraseOptions = {},
): SharedPhrase[] {
  const maxPhrases = options.maxPhrases ?? 8;
  const minRelative = options.minRelativeWeight ?? 0.2;
  const maxOcc = options.maxOccurrences ?? 10;
  const defaultIdf = options.defaultIdf ?? 1;
  const a = clause.text;
  const b = suggestion.text;
  const found: { start: number; end: number; bStart: number }[] = [];
  for (let i = 0; i + 1 < a.length; i++) {
    const positions = suggestion.bigrams.get(pairKey(a, i));
    if (!positions) continue;
    let bestLen = 0;
    let bestAt = -1;
    for (const p of positions) {
      let len = 2;
      while (i + len < a.length && p + len < b.length && a[i + len] === b[p + len]) len++;
      if (len > bestLen) [bestLen, bestAt] = [len, p];
    }
    // Only maximal matches: skip ones that merely continue the previous character's match.
    if (i > 0 && bestAt > 0 && a[i - 1] === b[bestAt - 1]) continue;
    const snapped = snap(clause, suggestion, i, i + bestLen, bestAt);
    if (snapped)
      found.push({ start: snapped[0], end: snapped[1], bStart: bestAt + snapped[0] - i });
  }
  const seen = new Map<string, number>();
  for (const m of found) {
    const phrase = a.slice(m.start, m.end);
    if (seen.has(phrase)) continue;
    const words = phraseWords(phrase);
    if (!words.length) continue;
    seen.set(
      phrase,
      words.reduce((sum, w) => sum + (options.idf?.(w) ?? defaultIdf), 0),
    );
  }
  // Longer phrases first, so a phrase inside a kept one is dropped.
  const ordered = [...seen.entries()].sort((x, y) => y[0].length - x[0].length || y[1] - x[1]);
  const kept: [string, number][] = [];
  for (const [phrase, weight] of ordered) {
    if (kept.some(([k]) => k.includes(phrase))) continue;
    kept.push([phrase, weight]);
  }
  kept.sort((x, y) => y[1] - x[1]);
  const top = kept[0]?.[1] ?? 0;
  return kept
    .filter(([, w]) => w >= top * minRelative)
    .slice(0, maxPhrases)
    .map(([phrase, weight]) => ({
      phrase,
      weight,
      inClause: occurrences(clause, phrase, maxOcc).map((at) => toSpan(clause, at, phrase.length)),
      inSuggestion: occurrences(suggestion, phrase, maxOcc).map((at) =>
        toSpan(suggestion, at, phrase.length),
      ),
    }));
}

const foldedWords = new Map<string, string>();

function foldedWord(word: string): string {
  let f = foldedWords.get(word);
  if (f === undefined) {
    f = fold(word, { segment: false }).text;
    if (foldedWords.size < 10_000) foldedWords.set(word, f);
  }
  return f;
}

/**
 * Phrases linked through the thesaurus: a policy term found in the clause for a citizen's word
 * found in the suggestion (保障性住房 ← 公租房), for pairs that share few words literally. Terms
 * the clause and suggestion share outright are left to sharedPhrases().
 */
export function relatedPhrases(
  clause: Folded,
  suggestion: Folded,
  links: { word: string; terms: string[] }[],
  options: PhraseOptions & { factor?: number } = {},
): SharedPhrase[] {
  const maxOcc = options.maxOccurrences ?? 10;
  const out: SharedPhrase[] = [];
  const seen = new Set<string>();
  for (const { word, terms } of links) {
    const fw = foldedWord(word);
    const inSuggestion = occurrences(suggestion, fw, maxOcc).map((at) =>
      toSpan(suggestion, at, fw.length),
    );
    if (!inSuggestion.length) continue;
    for (const term of terms) {
      const ft = foldedWord(term);
      if (ft.length < 2 || seen.has(ft) || suggestion.text.includes(ft)) continue;
      const inClause = occurrences(clause, ft, maxOcc).map((at) => toSpan(clause, at, ft.length));
      if (!inClause.length) continue;
      seen.add(ft);
      const weight =
        (options.factor ?? 1) *
        phraseWords(ft).reduce((sum, w) => sum + (options.idf?.(w) ?? options.defaultIdf ?? 1), 0);
      out.push({ phrase: ft, weight, inClause, inSuggestion, via: fw });
    }
  }
  return out.sort((x, y) => y.weight - x.weight);
}
