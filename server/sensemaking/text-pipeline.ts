// The one text pipeline every analysis uses (dedup, clustering, routing, search, adoption).
// It never changes what the public sees: it works on a normalised copy of the citizen's words.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

let jieba: Jieba | undefined;
let stopWords: Set<string> | undefined;

/** The segmenter with jieba's dictionary plus our policy terms (公积金, 十五五, 互助性养老 …). */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(new URL('./user-dict.txt', import.meta.url)));
  }
  return jieba;
}

function stops(): Set<string> {
  stopWords ??= new Set(
    readFileSync(new URL('./stopwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  return stopWords;
}

/**
 * For analysis only: full-width forms to half-width (NFKC), Traditional to Simplified (the seeds
 * mix both scripts), Latin lower-cased, runs of white space folded to one space.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

const isWord = (token: string) => /[\p{L}\p{N}]/u.test(token);

/**
 * Words of a text for matching and indexing: jieba's search mode (it also emits the parts of long
 * words, so 学位 is found inside 学位严重不足), without stop words and punctuation.
 */
export function segmentWords(
  text: string,
  options: { keepStopWords?: boolean; normalized?: boolean } = {},
): string[] {
  // `normalized`: the caller already ran normalizeText (see segmentNormalized).
  return segmentNormalized(options.normalized ? text : normalizeText(text), options);
}

/**
 * `segmentWords` of a text that is already `normalizeText`'s output. Normalising costs about half
 * as much as segmenting (Traditional → Simplified runs over every character): callers that need
 * the normalised text anyway normalise once.
 */
export function segmentNormalized(
  normalized: string,
  options: { keepStopWords?: boolean } = {},
): string[] {
  return keepWords(segmenter().cutForSearch(normalized, true), options);
}

/** The segmenter's tokens that count as words: no white space, punctuation or stop words. */
export function keepWords(tokens: string[], options: { keepStopWords?: boolean } = {}): string[] {
  const stop = stops();
  return tokens.filter((w) => w.trim() && isWord(w) && (options.keepStopWords || !stop.has(w)));
}

/** One token of `keepWords` (stop words dropped): for callers that cache the verdict per token. */
export function isKeptWord(token: string): boolean {
  return keepWords([token]).length === 1;
}

/** Words in reading order without the extra sub-words of search mode (for labels and phrases). */
export function segmentPlain(text: string): string[] {
  const stop = stops();
  return segmenter()
    .cut(normalizeText(text), true)
    .filter((w) => w.trim() && isWord(w) && !stop.has(w));
}

export function isStopWord(word: string): boolean {
  return stops().has(word);
}
