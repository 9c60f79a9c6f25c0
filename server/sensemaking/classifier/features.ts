// Terms of a text for the routing classifier: words from the shared pipeline (jieba search-mode
// unigrams, reading-order bigrams) and character 1–3-grams of the normalised text. Characters
// carry most of the signal on short Chinese texts and are robust to segmentation errors; words add
// readable evidence. Every term is a string with a one-letter prefix naming its kind.
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
}

export const defaultFeatureConfig: FeatureConfig = {
  charNgramMax: 3,
  wordUnigrams: true,
  wordBigrams: true,
  maxChars: 2000,
};

/** Term kinds: word unigram, word bigram (both in the word block), character n-gram. */
export const WORD = 'w';
export const BIGRAM = 'b';
export const CHAR = 'c';

const runOfLettersOrDigits = /[\p{L}\p{N}]+/gu;

/** All terms of a text, with repetition (term frequency is counted by the caller). */
export function extractTerms(text: string, config: FeatureConfig): string[] {
  const clipped = text.length > config.maxChars ? text.slice(0, config.maxChars) : text;
  const terms: string[] = [];
  if (config.wordUnigrams) {
    for (const w of segmentWords(clipped)) terms.push(WORD + w);
  }
  if (config.wordBigrams) {
    const plain = segmentPlain(clipped);
    for (let i = 1; i < plain.length; i++) terms.push(BIGRAM + plain[i - 1] + ' ' + plain[i]);
  }
  if (config.charNgramMax > 0) {
    // Digits are folded to 0: dates and house numbers say little about the topic.
    const normalized = normalizeText(clipped).replace(/\d/g, '0');
    for (const match of normalized.matchAll(runOfLettersOrDigits)) {
      const chars = Array.from(match[0]);
      for (let i = 0; i < chars.length; i++) {
        let gram = '';
        for (let n = 1; n <= config.charNgramMax && i + n <= chars.length; n++) {
          gram += chars[i + n - 1];
          terms.push(CHAR + gram);
        }
      }
    }
  }
  return terms;
}

/** The readable form of a term: a word, two words run together, or a run of characters. */
export function termSurface(term: string): string {
  const body = term.slice(1);
  return term[0] === BIGRAM ? body.replace(' ', '') : body;
}

/** Whether a term belongs to the word block (else the character block). */
export function isWordTerm(term: string): boolean {
  return term[0] === WORD || term[0] === BIGRAM;
}
