// The features clustering counts, sentence by sentence: the words of the shared pipeline (search
// mode, so the parts of long words count too; stop words dropped) plus overlapping pairs of Chinese
// characters, which catch words the segmenter cuts differently in different texts and names it
// does not know. A short title is one sentence.
import { isKeptWord, keepWords, normalizeText, segmenter } from '../text-pipeline.ts';

const isHan = (code: number) => code >= 0x3400 && code <= 0x9fff;
const HAN_SPAN = 0x9fff - 0x3400 + 1;

/**
 * The number of the character pair at `k`. Both characters lie in 0x3400–0x9fff (isHan): offset
 * from 0x3400 the number stays below 2³⁰, a small integer V8 hashes fast (a plain code-point pair
 * would be a boxed number).
 */
const pairCode = (s: string, k: number) =>
  (s.charCodeAt(k) - 0x3400) * HAN_SPAN + (s.charCodeAt(k + 1) - 0x3400);

/** Sentence ends: a long text is split here, so its terms co-occur only within one sentence. */
const SENTENCE_END = /[。！？!?；;]+/;
/** jieba gives every punctuation mark as a token of its own. */
const END_CHARS = new Set([...'。！？!?；;'].map((c) => c.charCodeAt(0)));
function isEndToken(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (!END_CHARS.has(token.charCodeAt(i))) return false;
  return token.length > 0;
}

/** Bigram features carry a trailing mark that keeps them apart from two-character words. */
export const isBigram = (term: string) => term.endsWith('_');

/**
 * The sentences of a text (normalised) with their tokens (the segmenter's, not yet filtered by
 * `keepWords`). The text is normalised and segmented once
 * as a whole, then the words are dealt to the sentences at the sentence-end marks: jieba never
 * joins across punctuation, so the words are exactly those of segmenting sentence by sentence, at a
 * third of the cost (one native call, one normalisation). Blank sentences are left out.
 */
function sentenceWords(text: string): { sentence: string; words: string[] }[] {
  const normalized = normalizeText(text);
  const sentences = normalized.split(SENTENCE_END);
  const words: string[][] = sentences.map(() => []);
  let at = 0;
  let afterEnd = false;
  for (const w of segmenter().cutForSearch(normalized, true)) {
    if (isEndToken(w)) {
      if (!afterEnd) at++;
      afterEnd = true;
      continue;
    }
    afterEnd = false;
    words[Math.min(at, sentences.length - 1)]!.push(w);
  }
  const out: { sentence: string; words: string[] }[] = [];
  sentences.forEach((sentence, i) => {
    if (sentence.trim()) out.push({ sentence, words: words[i]! });
  });
  return out;
}

/** Features of a text as strings, per sentence (bigrams as `XY_`). */
export function tokenizeSentences(text: string): string[][] {
  const out: string[][] = [];
  for (const { sentence, words } of sentenceWords(text)) {
    const tokens = keepWords(words);
    for (let k = 0; k + 1 < sentence.length; k++) {
      if (isHan(sentence.charCodeAt(k)) && isHan(sentence.charCodeAt(k + 1))) {
        tokens.push(`${sentence.slice(k, k + 2)}_`);
      }
    }
    if (tokens.length) out.push(tokens);
  }
  return out;
}

/**
 * 32-bit number (but -1) → term id, an open-addressing hash table in typed arrays: a character pair
 * is looked up for every two Chinese characters of the corpus (about 28 million at 100k documents),
 * and a `Map` spends most of that time hashing and boxing.
 */
class PairTable {
  private keys = new Int32Array(1 << 16).fill(-1);
  private values = new Int32Array(1 << 16);
  private bits = 16; // log2 of the capacity
  private size = 0;

  private slot(code: number): number {
    const mask = this.keys.length - 1;
    // multiplicative hashing: the top bits of the product depend on every bit of the key
    for (let at = Math.imul(code, 0x9e3779b1) >>> (32 - this.bits); ; at = (at + 1) & mask) {
      const key = this.keys[at]!;
      if (key === code || key === -1) return at;
    }
  }

  get(code: number): number | undefined {
    const at = this.slot(code);
    return this.keys[at] === code ? this.values[at] : undefined;
  }

  set(code: number, id: number): void {
    const at = this.slot(code);
    if (this.keys[at] === -1) {
      this.keys[at] = code;
      this.size++;
    }
    this.values[at] = id;
    if (this.size * 2 > this.keys.length) this.grow();
  }

  private grow(): void {
    const { keys, values } = this;
    this.bits++;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      const at = this.slot(keys[i]!);
      this.keys[at] = keys[i]!;
      this.values[at] = values[i]!;
    }
  }
}

/** Not looked up yet (ids are ≥ 0, and -1 marks a token that is not a kept word). */
const UNKNOWN = -2;

/**
 * Token → term id, or -1 for a token `keepWords` drops. Every token jieba returns is a new string,
 * and a Map must hash it and compare it with the stored key: about a fifth of tokenizing. Tokens of
 * one or two UTF-16 units (most Chinese words) are looked up by their codes instead.
 */
class WordTable {
  private readonly single = new Int32Array(0x10000).fill(UNKNOWN);
  private readonly double = new PairTable(); // key: the two units as one 32-bit number
  private readonly longer = new Map<string, number>();

  /** -1 (the table's empty mark) is "\uffff\uffff": that one goes to the Map. */
  private static key(token: string): number {
    return (token.charCodeAt(0) << 16) | token.charCodeAt(1);
  }

  get(token: string): number | undefined {
    if (token.length === 1) {
      const id = this.single[token.charCodeAt(0)]!;
      return id === UNKNOWN ? undefined : id;
    }
    if (token.length === 2) {
      const key = WordTable.key(token);
      if (key !== -1) return this.double.get(key);
    }
    return this.longer.get(token);
  }

  set(token: string, id: number): void {
    if (token.length === 1) this.single[token.charCodeAt(0)] = id;
    else if (token.length === 2 && WordTable.key(token) !== -1) {
      this.double.set(WordTable.key(token), id);
    } else this.longer.set(token, id);
  }
}

/**
 * Term ids for a pass over a corpus, with each term's document frequency. A character pair is
 * looked up by its two character codes, so the pairs — half of all features — never become
 * strings (only the distinct ones get a name): at 100k documents that is tens of millions of
 * short-lived strings and their hashing saved.
 */
export class TermInterner {
  readonly names: string[] = [];
  readonly df: number[] = [];
  private readonly lastDoc: number[] = [];
  private readonly words = new WordTable();
  private readonly pairs = new PairTable();
  /** scratch for one sentence's ids */
  private scratch = new Int32Array(1024);

  private seen(id: number, doc: number): number {
    if (this.lastDoc[id] !== doc) {
      this.lastDoc[id] = doc;
      this.df[id]!++;
    }
    return id;
  }

  private add(name: string): number {
    const id = this.names.push(name) - 1;
    this.df.push(0);
    this.lastDoc.push(-1);
    return id;
  }

  /** The id of a token that `keepWords` keeps, else -1 (the verdict is cached with the id). */
  word(token: string, doc: number): number {
    let id = this.words.get(token);
    if (id === undefined) {
      id = isKeptWord(token) ? this.add(token) : -1;
      this.words.set(token, id);
    }
    return id < 0 ? id : this.seen(id, doc);
  }

  pair(sentence: string, k: number, doc: number): number {
    const code = pairCode(sentence, k);
    let id = this.pairs.get(code);
    if (id === undefined) {
      id = this.add(`${sentence.slice(k, k + 2)}_`);
      this.pairs.set(code, id);
    }
    return this.seen(id, doc);
  }

  /**
   * Takes in the terms another interner found in other documents (its names and document
   * frequencies) and returns, for each of its ids, the id here. Document sets must not overlap.
   */
  merge(names: readonly string[], df: ArrayLike<number>): Int32Array {
    const remap = new Int32Array(names.length);
    names.forEach((name, local) => {
      let id: number | undefined;
      if (isBigram(name) && name.length === 3) {
        const code = pairCode(name, 0);
        id = this.pairs.get(code);
        if (id === undefined) this.pairs.set(code, (id = this.add(name)));
      } else {
        id = this.words.get(name);
        if (id === undefined) this.words.set(name, (id = this.add(name)));
      }
      this.df[id]! += df[local]!;
      remap[local] = id;
    });
    return remap;
  }

  /**
   * `tokenizeSentences` of each text as term ids (same terms, same order; empty sentences left
   * out), the texts counted as documents `firstDoc`, `firstDoc + 1`, …. Packed into three arrays:
   * one small array per sentence would be ~700,000 at 100k texts, to allocate and collect.
   */
  pack(texts: readonly string[], firstDoc = 0): TermIds {
    const sentences = new Int32Array(texts.length);
    let lengths: Int32Array = new Int32Array(1 << 12);
    let ids: Int32Array = new Int32Array(1 << 16);
    let ns = 0;
    let ni = 0;
    texts.forEach((text, d) => {
      this.eachSentence(text, firstDoc + d, (sentence, n) => {
        if (ns === lengths.length) lengths = grow(lengths, ns + 1);
        if (ni + n > ids.length) ids = grow(ids, ni + n);
        ids.set(sentence.subarray(0, n), ni);
        ni += n;
        lengths[ns++] = n;
        sentences[d]!++;
      });
    });
    return { sentences, lengths: lengths.slice(0, ns), ids: ids.slice(0, ni) };
  }

  /** Calls `emit` with each non-empty sentence's ids (the first `n` of a reused scratch array). */
  private eachSentence(
    text: string,
    doc: number,
    emit: (ids: Int32Array, n: number) => void,
  ): void {
    for (const { sentence, words } of sentenceWords(text)) {
      // at most one id per word and per character pair
      if (this.scratch.length < words.length + sentence.length) {
        this.scratch = new Int32Array(2 * (words.length + sentence.length));
      }
      const ids = this.scratch;
      let n = 0;
      for (const w of words) {
        const id = this.word(w, doc);
        if (id >= 0) ids[n++] = id;
      }
      for (let k = 0; k + 1 < sentence.length; k++) {
        if (isHan(sentence.charCodeAt(k)) && isHan(sentence.charCodeAt(k + 1))) {
          ids[n++] = this.pair(sentence, k, doc);
        }
      }
      if (n) emit(ids, n);
    }
  }
}

/**
 * Documents' sentences as term ids: document d has `sentences[d]` sentences, sentence s has
 * `lengths[s]` ids, all one after the other in `ids`.
 */
export interface TermIds {
  sentences: Int32Array;
  lengths: Int32Array;
  ids: Int32Array;
}

/** A copy of `a` with room for at least `min` values (doubling, so appends stay linear). */
function grow(a: Int32Array, min: number): Int32Array {
  const out = new Int32Array(Math.max(2 * a.length, min));
  out.set(a);
  return out;
}
