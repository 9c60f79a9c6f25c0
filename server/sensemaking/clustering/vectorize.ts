// Documents → sparse TF-IDF rows over a vocabulary learned from the corpus.
import { normalizeText, segmentWords } from '../text-pipeline.ts';

/** Compressed sparse rows: row i holds indices/values in [indptr[i], indptr[i + 1]). */
export interface SparseRows {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface VocabularyOptions {
  /** A term seen in fewer documents links nothing together (default 2). */
  minDf?: number;
  /** A term in more than this share of documents separates nothing (default 0.5). */
  maxDfRatio?: number;
  /** Keep at most this many terms, the most frequent ones: bounds model size (default 50,000). */
  maxTerms?: number;
}

export interface Vocabulary {
  terms: string[];
  index: Map<string, number>;
  idf: Float32Array;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * Features of a short Chinese text: the words of the shared pipeline (search mode, so the parts of
 * long words count too, stop words dropped) plus, optionally, overlapping pairs of Chinese characters,
 * which catch words the segmenter splits differently in different texts.
 */
export function tokenize(text: string, bigrams: boolean): string[] {
  const tokens = segmentWords(text);
  if (bigrams) {
    const norm = normalizeText(text);
    for (let i = 0; i + 1 < norm.length; i++) {
      const a = norm[i]!;
      const b = norm[i + 1]!;
      if (CJK.test(a) && CJK.test(b)) tokens.push(`${a}${b}_`); // suffix keeps bigrams apart from words
    }
  }
  return tokens;
}

export function buildVocabulary(docs: string[][], options: VocabularyOptions = {}): Vocabulary {
  const minDf = options.minDf ?? 2;
  const maxDf = Math.max(minDf, Math.floor((options.maxDfRatio ?? 0.5) * docs.length));
  const maxTerms = options.maxTerms ?? 50_000;
  const df = new Map<string, number>();
  for (const tokens of docs) {
    for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const kept = [...df]
    .filter(([, n]) => n >= minDf && n <= maxDf)
    // most frequent first; ties by the term itself so the vocabulary is deterministic
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxTerms);
  const terms = kept.map(([t]) => t);
  const idf = new Float32Array(terms.length);
  const n = docs.length;
  kept.forEach(([, d], i) => {
    idf[i] = Math.log((1 + n) / (1 + d)) + 1; // smoothed idf, as in common TF-IDF practice
  });
  return { terms, index: new Map(terms.map((t, i) => [t, i])), idf };
}

/** One L2-normalised TF-IDF row with sublinear term frequency (1 + log tf). */
export function vectorizeTokens(
  tokens: string[],
  vocab: Vocabulary,
): { indices: number[]; values: number[] } {
  const counts = new Map<number, number>();
  for (const t of tokens) {
    const j = vocab.index.get(t);
    if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((j) => (1 + Math.log(counts.get(j)!)) * vocab.idf[j]!);
  const norm = Math.hypot(...values);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { indices, values };
}

export function tfidfMatrix(docs: string[][], vocab: Vocabulary): SparseRows {
  const rows = docs.map((tokens) => vectorizeTokens(tokens, vocab));
  const nnz = rows.reduce((s, r) => s + r.indices.length, 0);
  const indptr = new Int32Array(docs.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let p = 0;
  rows.forEach((r, i) => {
    indices.set(r.indices, p);
    values.set(r.values, p);
    p += r.indices.length;
    indptr[i + 1] = p;
  });
  return { rows: docs.length, cols: vocab.terms.length, indptr, indices, values };
}
