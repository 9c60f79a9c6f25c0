// Terms of a text for the routing classifier: words from the shared pipeline (jieba search-mode
// unigrams; reading-order bigrams optional), character 1–3-grams of the normalised text, and the
// title's character n-grams again as a block of their own (the title says most about the topic).
// Characters carry most of the signal on short Chinese texts and are robust to segmentation
// errors; words give readable evidence. Each term is a string with a one-letter kind prefix.
// Defaults chosen by 5-fold cross-validation inside the training data (see test/eval/eval-routing.ts):
// the title block added about 0.01 macro-F1, bigrams nothing once it was there.
import { normalizeText, segmentPlain, segmentWords } from '../text-pipeline.ts';

export interface FeatureConfig {
  /** Longest character n-gram (shortest is 1). */
  charNgramMax: number;
  /** Word unigrams from `segmentWords` (search mode, stop words removed). */
  wordUnigrams: boolean;
  /** Pairs of consecutive words from `segmentPlain`. */
  wordBigrams: boolean;
  /** Only the first this many characters of a text are read (bounds prediction time). */
  maxChars: number;
  /** Character n-grams of the first line (the title) once more, as a block of their own. */
  titleBlock: boolean;
}

export const defaultFeatureConfig: FeatureConfig = {
  charNgramMax: 3,
  wordUnigrams: true,
  wordBigrams: false,
  maxChars: 2000,
  titleBlock: true,
};

/** Term kinds: word unigram, word bigram (the word block), character n-gram, title n-gram. */
export const WORD = 'w';
export const BIGRAM = 'b';
export const CHAR = 'c';
export const TITLE = 't';

/**
 * The terms of a text. Words are spelled out; character n-grams, by far the most numerous, are
 * kept as hashes with their place in `source`, and spelled only when needed (`spellGram`).
 */
export interface ExtractedTerms {
  /** Word terms with their kind prefix (`w工资`, `b拖欠 工资`), with repetition. */
  words: string[];
  /** Hash of each character n-gram term, equal to `hashTerm` of its spelling. */
  grams: number[];
  /** Where each n-gram is: `start * 8 + length` in `source`. */
  gramAt: number[];
  /** The normalised text, a new line, the normalised title (digits folded to 0). */
  source: string;
  titleStart: number;
}

// 32-bit FNV-1a over UTF-16 code units with a final avalanche, so a term's hash can be computed
// one character at a time without building the string.
const FNV_START = 0x811c9dc5;
const fnvStep = (h: number, code: number) => Math.imul(h ^ code, 0x01000193);
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function hashTerm(term: string): number {
  let h = FNV_START;
  for (let i = 0; i < term.length; i++) h = fnvStep(h, term.charCodeAt(i));
  return finish(h);
}

const runOfLettersOrDigits = /[\p{L}\p{N}]+/gu;
// Digits are folded to 0: dates and house numbers say little about the topic.
const foldDigits = (normalized: string) => normalized.replace(/\d/g, '0');

/** All terms of a text, with repetition (term frequency is counted by the caller). */
export function extractTerms(text: string, config: FeatureConfig): ExtractedTerms {
  const clipped = text.length > config.maxChars ? text.slice(0, config.maxChars) : text;
  const newline = clipped.indexOf('\n');
  const rawTitle = newline < 0 ? clipped : clipped.slice(0, newline);
  // Normalised once here (Traditional → Simplified costs as much as segmenting); the title apart,
  // because normalising folds the new line that ends it.
  const normalized = normalizeText(clipped);
  const normalizedTitle = newline < 0 ? normalized : normalizeText(rawTitle);
  const words: string[] = [];
  if (config.wordUnigrams) {
    for (const w of segmentWords(normalized, { normalized: true })) words.push(WORD + w);
  }
  if (config.wordBigrams) {
    const plain = segmentPlain(clipped);
    for (let i = 1; i < plain.length; i++) words.push(BIGRAM + plain[i - 1] + ' ' + plain[i]);
  }
  const terms: ExtractedTerms = { words, grams: [], gramAt: [], source: '', titleStart: 0 };
  if (config.charNgramMax > 0) {
    const body = foldDigits(normalized);
    const title = config.titleBlock ? foldDigits(normalizedTitle) : '';
    terms.source = `${body}\n${title}`;
    terms.titleStart = body.length + 1;
    charNgrams(terms, 0, body.length, config.charNgramMax, CHAR.charCodeAt(0));
    if (title) {
      charNgrams(
        terms,
        terms.titleStart,
        terms.source.length,
        config.charNgramMax,
        TITLE.charCodeAt(0),
      );
    }
  }
  return terms;
}

/** N-grams (by code unit) of the runs of letters and digits in `source` between from and to. */
function charNgrams(
  terms: ExtractedTerms,
  from: number,
  to: number,
  max: number,
  prefix: number,
): void {
  const { source, grams, gramAt } = terms;
  const start = fnvStep(FNV_START, prefix);
  runOfLettersOrDigits.lastIndex = from;
  for (
    let match = runOfLettersOrDigits.exec(source);
    match;
    match = runOfLettersOrDigits.exec(source)
  ) {
    if (match.index >= to) break;
    const end = match.index + match[0].length;
    for (let i = match.index; i < end; i++) {
      let h = start;
      for (let n = 1; n <= max && i + n <= end; n++) {
        h = fnvStep(h, source.charCodeAt(i + n - 1));
        grams.push(finish(h));
        gramAt.push(i * 8 + n);
      }
    }
  }
}

/** The term behind n-gram `i` of `terms`, spelled out with its kind prefix. */
export function spellGram(terms: ExtractedTerms, i: number): string {
  const at = terms.gramAt[i]!;
  const start = Math.floor(at / 8);
  return (start >= terms.titleStart ? TITLE : CHAR) + terms.source.slice(start, start + (at % 8));
}

/** The readable form of a term: a word, two words run together, or a run of characters. */
export function termSurface(term: string): string {
  const body = term.slice(1);
  return term[0] === BIGRAM ? body.replace(' ', '') : body;
}

/** The block of a term: 0 words, 1 characters, 2 characters of the title. */
export function termBlock(term: string): number {
  return term[0] === WORD || term[0] === BIGRAM ? 0 : term[0] === CHAR ? 1 : 2;
}
