// Documents → features → a vocabulary and sparse TF-IDF rows.
import { TermInterner, tokenizeSentences, type TermIds } from './features.ts';
import { topTerms } from './top-terms.ts';
import { withRoom } from './sparse-buffer.ts';

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
  /**
   * Keep at most this many terms, the most frequent (default 20,000): bounds model size and time,
   * and the rarer tail has too few co-occurrences to be placed reliably anyway.
   */
  maxTerms?: number;
}

export interface Vocabulary {
  terms: string[];
  index: Map<string, number>;
  idf: Float32Array;
}

export { isBigram, tokenizeSentences } from './features.ts';

/**
 * Sentences as term ids, packed into three arrays rather than one small array per sentence (at
 * 100k documents, about 700,000 of them, whose allocation and collection cost seconds): sentence s
 * holds ids[start[s]] … ids[start[s + 1] - 1]; document i has sentences first[i] … first[i + 1] - 1.
 */
export interface PackedSentences {
  ids: Int32Array;
  start: Int32Array;
  first: Int32Array;
}

/** The sentences of the given documents with at least `minLength` ids, as views (no copies). */
export function sentencesOf(
  packed: PackedSentences,
  docs: Iterable<number>,
  minLength = 1,
): Int32Array[] {
  const out: Int32Array[] = [];
  for (const i of docs) {
    for (let s = packed.first[i]!; s < packed.first[i + 1]!; s++) {
      const from = packed.start[s]!;
      const to = packed.start[s + 1]!;
      if (to - from >= minLength) out.push(packed.ids.subarray(from, to));
    }
  }
  return out;
}

/** Every sentence of every document, as views. */
export function allSentences(packed: PackedSentences): Int32Array[] {
  return sentencesOf(
    packed,
    Array.from({ length: packed.first.length - 1 }, (_, i) => i),
  );
}

export interface Corpus {
  vocab: Vocabulary;
  /** documents × vocabulary, L2-normalised TF-IDF with sublinear term frequency */
  x: SparseRows;
  /** per document, per sentence: the distinct vocabulary ids it contains */
  sentences: PackedSentences;
  /** share of all feature occurrences that the vocabulary knows */
  coverage: number;
}

/**
 * The corpus of the texts' features (tokenizeSentences), text by text: each text's terms become
 * ids at once, so the corpus never holds its features as strings.
 */
export function buildCorpusFromTexts(
  texts: readonly string[],
  options: VocabularyOptions = {},
  fixed?: Vocabulary,
): Corpus {
  const interner = new TermInterner();
  return corpusFromIds(interner.pack(texts), interner, options, fixed);
}

/** The corpus of documents given as term ids of `interner`. */
export function corpusFromIds(
  docs: TermIds,
  interner: TermInterner,
  options: VocabularyOptions,
  fixed?: Vocabulary,
): Corpus {
  const n = docs.sentences.length;
  const minDf = options.minDf ?? 2;
  const maxDf = Math.max(minDf, Math.floor((options.maxDfRatio ?? 0.5) * n));
  const maxTerms = options.maxTerms ?? 20_000;
  const { names, df } = interner;
  let vocab: Vocabulary;
  const remap = new Int32Array(names.length).fill(-1);
  if (fixed) {
    names.forEach((name, id) => (remap[id] = fixed.index.get(name) ?? -1));
    vocab = fixed;
  } else {
    const candidates: number[] = [];
    for (let id = 0; id < names.length; id++) {
      if (df[id]! >= minDf && df[id]! <= maxDf) candidates.push(id);
    }
    const chosen = topTerms(candidates, df, names, maxTerms);
    chosen.forEach((id, j) => (remap[id] = j));
    const terms = chosen.map((id) => names[id]!);
    const idf = Float32Array.from(chosen, (id) => Math.log((1 + n) / (1 + df[id]!)) + 1);
    vocab = { terms, index: new Map(terms.map((t, j) => [t, j])), idf };
  }
  const { terms, idf } = vocab;

  // Scratch arrays reused for every document and sentence, and rows written straight into
  // growing buffers: at 100k documents, per-row arrays and a comparator sort cost seconds.
  const counts = new Float64Array(terms.length);
  const seenIn = new Int32Array(terms.length).fill(-1); // last sentence a term was seen in
  const touched = new Int32Array(terms.length);
  const { ids, lengths } = docs;
  // a sentence's distinct known ids are at most its ids: room for all of them, trimmed at the end
  const sentenceIds = new Int32Array(ids.length);
  const sentenceStart = new Int32Array(lengths.length + 1);
  const firstSentence = new Int32Array(n + 1);
  let sentenceNo = 0;
  let kept = 0; // sentences with a known term
  let at = 0;
  let next = 0; // the next id of the input
  const indptr = new Int32Array(n + 1);
  let indices = new Int32Array(1 << 20);
  let values = new Float32Array(indices.length);
  let nnz = 0;
  let known = 0;
  for (let i = 0; i < n; i++) {
    let nt = 0;
    for (let k = 0; k < docs.sentences[i]!; k++) {
      const from = at;
      const end = next + lengths[sentenceNo]!;
      sentenceNo++;
      for (; next < end; next++) {
        const j = remap[ids[next]!]!;
        if (j < 0) continue;
        known++;
        if (counts[j] === 0) touched[nt++] = j;
        if (seenIn[j] !== sentenceNo) {
          seenIn[j] = sentenceNo;
          sentenceIds[at++] = j;
        }
        counts[j]!++;
      }
      if (at > from) sentenceStart[++kept] = at;
    }
    firstSentence[i + 1] = kept;
    const row = touched.subarray(0, nt).sort(); // typed arrays sort numerically
    [indices, values] = withRoom(indices, values, nnz + nt);
    let norm = 0;
    for (let p = 0; p < nt; p++) {
      const j = row[p]!;
      const w = (1 + Math.log(counts[j]!)) * idf[j]!;
      counts[j] = 0;
      indices[nnz + p] = j;
      values[nnz + p] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let p = nnz; p < nnz + nt; p++) values[p]! /= norm;
    nnz += nt;
    indptr[i + 1] = nnz;
  }
  return {
    vocab,
    x: {
      rows: n,
      cols: terms.length,
      indptr,
      indices: indices.slice(0, nnz),
      values: values.slice(0, nnz),
    },
    sentences: {
      ids: sentenceIds.slice(0, at),
      start: sentenceStart.slice(0, kept + 1),
      first: firstSentence,
    },
    coverage: ids.length ? known / ids.length : 1,
  };
}

/** The TF-IDF row of a new text under a fixed vocabulary (terms it does not know are ignored). */
export function vectorizeText(
  text: string,
  vocab: Vocabulary,
): { indices: number[]; values: number[] } {
  const counts = new Map<number, number>();
  for (const sentence of tokenizeSentences(text)) {
    for (const token of sentence) {
      const j = vocab.index.get(token);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = indices.map((j) => (1 + Math.log(counts.get(j)!)) * vocab.idf[j]!);
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm);
  return { indices, values: norm > 0 ? values.map((v) => v / norm) : values };
}

/** Rows [from, to) of a sparse matrix (copies, so the slice can move to another thread). */
export function selectRowRange(x: SparseRows, from: number, to: number): SparseRows {
  const start = x.indptr[from]!;
  const end = x.indptr[to]!;
  const indptr = new Int32Array(to - from + 1);
  for (let i = from; i <= to; i++) indptr[i - from] = x.indptr[i]! - start;
  return {
    rows: to - from,
    cols: x.cols,
    indptr,
    indices: x.indices.slice(start, end),
    values: x.values.slice(start, end),
  };
}
