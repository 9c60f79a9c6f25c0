// Document vectors for clustering, from two views of the TF-IDF matrix.
//
// Short texts share few words, so the TF-IDF vectors of two titles on the same topic are often
// orthogonal and k-means on them does little better than chance. The co-occurrence view gives
// every term a dense vector learned from which terms occur together in the corpus — the truncated
// SVD of the positive pointwise mutual information (PPMI) matrix, the count model that Levy,
// Goldberg & Dagan (2015) found on a par with word2vec once given word2vec's tricks (context
// smoothing 0.75, eigenvalue weighting ½) — and a document is the TF-IDF-weighted sum of its terms'
// vectors. Summing hundreds of term vectors blurs a long letter into the corpus average, though,
// and there the document's own words are the better evidence: the LSA view (truncated SVD of the
// TF-IDF matrix itself, Deerwester et al. 1990) keeps them. Each document mixes the two views by
// how much evidence it carries: with m distinct known terms its own words get weight m / (m + m0).
import { randomizedSvd, type TruncatedSvd } from './linalg.ts';
import type { SparseRows } from './vectorize.ts';
import { withRoom } from './sparse-buffer.ts';
export interface EmbeddingOptions {
  /** Dimensions of the co-occurrence (PPMI) view (default 50). */
  dims?: number;
  /** Dimensions of the LSA view (default 50; 0 turns it off). */
  lsaDims?: number;
  /**
   * m0 above (default 60 terms, about a 40-character text with its character pairs): a title of
   * ~15 terms leans on the co-occurrence view (weight of its own words ≈ 0.2), a letter of a few
   * hundred terms on its own words (≈ 0.8).
   */
  ownWordsPrior?: number;
  /**
   * Keep, for each context term, only its `neighbours` strongest associations (default 64): bounds
   * the matrix at neighbours × vocabulary entries whatever the corpus size, and drops the long tail
   * of chance co-occurrences.
   */
  neighbours?: number;
  /** Context distribution smoothing exponent (0.75, as in word2vec and Levy et al.). */
  contextSmoothing?: number;
  /** Singular values raised to this power weight the dimensions (0.5, as in Levy et al.). */
  eigenWeight?: number;
  powerIterations?: number;
  seed?: number;
}

/**
 * The context × term PPMI matrix over `terms` terms. A context is a set of term ids (one short
 * document or one sentence); two terms co-occur when they share a context.
 * PMI(t, c) = log(P(t, c) / (P(t) · P_α(c))), P_α the smoothed context distribution.
 */
export function ppmiMatrix(
  contexts: Int32Array[],
  terms: number,
  options: EmbeddingOptions = {},
): SparseRows {
  const alpha = options.contextSmoothing ?? 0.75;
  const keep = options.neighbours ?? 64;
  // which contexts each term occurs in
  const df = new Int32Array(terms);
  for (const ctx of contexts) for (const t of ctx) df[t]!++;
  const start = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) start[t + 1] = start[t]! + df[t]!;
  const fill = start.slice(0, terms);
  const occurrences = new Int32Array(start[terms]!);
  contexts.forEach((ctx, i) => {
    for (const t of ctx) occurrences[fill[t]!++] = i;
  });
  let total = 0;
  for (let t = 0; t < terms; t++) total += df[t]! ** alpha;

  const counts = new Int32Array(terms);
  const touched = new Int32Array(terms);
  const kept = new Int32Array(terms);
  const pmi = new Float64Array(terms);
  const scratch = new Float64Array(terms);
  const rowPtr = new Int32Array(terms + 1);
  let indices = new Int32Array(Math.min(terms * keep, 1 << 20));
  let values = new Float32Array(indices.length);
  let nnz = 0;
  for (let c = 0; c < terms; c++) {
    let nt = 0;
    for (let p = start[c]!; p < start[c + 1]!; p++) {
      for (const t of contexts[occurrences[p]!]!) {
        if (t === c) continue;
        if (counts[t] === 0) touched[nt++] = t;
        counts[t]!++;
      }
    }
    const logContext = Math.log(df[c]! ** alpha / total);
    let nk = 0;
    for (let a = 0; a < nt; a++) {
      const t = touched[a]!;
      const v = Math.log(counts[t]! / df[t]!) - logContext; // log(P(t,c) / (P(t) P_α(c)))
      counts[t] = 0;
      if (v > 0) {
        kept[nk] = t;
        pmi[nk++] = v;
      }
    }
    let threshold = -Infinity;
    if (nk > keep) {
      scratch.set(pmi.subarray(0, nk));
      threshold = kthLargest(scratch, nk, keep);
    }
    [indices, values] = withRoom(indices, values, nnz + Math.min(nk, keep));
    // strictly above the threshold, then ties at the threshold in index order until `keep`
    let ties = keep;
    for (let a = 0; a < nk; a++) if (pmi[a]! > threshold) ties--;
    for (let a = 0; a < nk; a++) {
      if (pmi[a]! > threshold || (pmi[a] === threshold && ties-- > 0)) {
        indices[nnz] = kept[a]!;
        values[nnz++] = pmi[a]!;
      }
    }
    rowPtr[c + 1] = nnz;
  }
  return {
    rows: terms,
    cols: terms,
    indptr: rowPtr,
    indices: indices.slice(0, nnz),
    values: values.slice(0, nnz),
  };
}

/** The k-th largest of the first n values (Hoare's selection; reorders `a`). */
function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

/** Term vectors (terms × dims, row-major) from the truncated SVD of the PPMI matrix. */
export function termVectors(
  contexts: Int32Array[],
  terms: number,
  options: EmbeddingOptions = {},
): { vectors: Float32Array; dims: number } {
  const ppmi = ppmiMatrix(contexts, terms, options);
  const svd = randomizedSvd(ppmi, options.dims ?? 50, {
    powerIterations: options.powerIterations ?? 2,
    seed: options.seed ?? 1,
  });
  const d = svd.rank;
  const p = options.eigenWeight ?? 0.5;
  const vectors = new Float32Array(terms * d);
  for (let t = 0; t < terms; t++) {
    for (let b = 0; b < d; b++)
      vectors[t * d + b] = svd.components[t * d + b]! * svd.sigma[b]! ** p;
  }
  return { vectors, dims: d };
}

/** The given rows of a sparse matrix. */
export function selectRows(x: SparseRows, rows: readonly number[]): SparseRows {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((i, r) => (indptr[r + 1] = indptr[r]! + x.indptr[i + 1]! - x.indptr[i]!));
  const indices = new Int32Array(indptr[rows.length]!);
  const values = new Float32Array(indices.length);
  rows.forEach((i, r) => {
    indices.set(x.indices.subarray(x.indptr[i]!, x.indptr[i + 1]!), indptr[r]!);
    values.set(x.values.subarray(x.indptr[i]!, x.indptr[i + 1]!), indptr[r]!);
  });
  return { rows: rows.length, cols: x.cols, indptr, indices, values };
}

/** Both views as one linear map from TF-IDF rows: terms × (lsaDims + ppmiDims), row-major. */
export interface TermSpace {
  vectors: Float32Array;
  lsaDims: number;
  ppmiDims: number;
  /** m0: see EmbeddingOptions.ownWordsPrior */
  prior: number;
}

/**
 * Learn both views from a sample: `sample` (TF-IDF rows of sampled documents) for LSA and the
 * sentences of the same documents (`contexts`) for co-occurrence.
 */
export function learnTermSpace(
  sample: SparseRows,
  contexts: Int32Array[],
  options: EmbeddingOptions = {},
): TermSpace {
  const co = termVectors(contexts, sample.cols, options);
  return joinViews(sample.cols, lsaView(sample, options), co, options);
}

/** The LSA view: the truncated SVD of the sampled TF-IDF rows (null when turned off). */
export function lsaView(sample: SparseRows, options: EmbeddingOptions = {}): TruncatedSvd | null {
  const wantLsa = options.lsaDims ?? 50;
  return wantLsa > 0 && sample.rows > 1
    ? randomizedSvd(sample, wantLsa, {
        powerIterations: options.powerIterations ?? 2,
        seed: (options.seed ?? 1) + 1,
      })
    : null;
}

/** Both views side by side, one row per term. */
export function joinViews(
  terms: number,
  lsa: TruncatedSvd | null,
  co: { vectors: Float32Array; dims: number },
  options: EmbeddingOptions = {},
): TermSpace {
  const dl = lsa?.rank ?? 0;
  const dp = co.dims;
  const width = dl + dp;
  const vectors = new Float32Array(terms * width);
  for (let t = 0; t < terms; t++) {
    for (let b = 0; b < dl; b++) vectors[t * width + b] = lsa!.components[t * dl + b]!;
    for (let b = 0; b < dp; b++) vectors[t * width + dl + b] = co.vectors[t * dp + b]!;
  }
  return { vectors, lsaDims: dl, ppmiDims: dp, prior: options.ownWordsPrior ?? 60 };
}

/**
 * One document's unit vector from its TF-IDF row: each view normalised, then mixed by the weight of
 * its own words m / (m + m0). Writes into `out` at `offset`; leaves zeros if no term is known.
 */
export function embedRow(
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  space: TermSpace,
  out: Float32Array,
  offset = 0,
): void {
  const { vectors, lsaDims: dl, ppmiDims: dp } = space;
  const width = dl + dp;
  const acc = new Float64Array(width);
  for (let p = 0; p < indices.length; p++) {
    const w = values[p]!;
    const o = indices[p]! * width;
    for (let b = 0; b < width; b++) acc[b]! += w * vectors[o + b]!;
  }
  let nl = 0;
  let np = 0;
  for (let b = 0; b < dl; b++) nl += acc[b]! * acc[b]!;
  for (let b = dl; b < width; b++) np += acc[b]! * acc[b]!;
  const own = indices.length / (indices.length + space.prior);
  let wl = nl > 0 ? Math.sqrt(own / nl) : 0;
  let wp = np > 0 ? Math.sqrt((1 - own) / np) : 0;
  // if one view is empty the other carries the whole vector
  if (wl === 0 && np > 0) wp = 1 / Math.sqrt(np);
  if (wp === 0 && nl > 0) wl = 1 / Math.sqrt(nl);
  for (let b = 0; b < dl; b++) out[offset + b] = acc[b]! * wl;
  for (let b = dl; b < width; b++) out[offset + b] = acc[b]! * wp;
}

/** Unit-length document vectors (rows × (lsaDims + ppmiDims)); a zero row if no term is known. */
export function embedDocuments(x: SparseRows, space: TermSpace): Float32Array {
  const width = space.lsaDims + space.ppmiDims;
  const out = new Float32Array(x.rows * width);
  for (let i = 0; i < x.rows; i++) {
    const from = x.indptr[i]!;
    const to = x.indptr[i + 1]!;
    embedRow(x.indices.subarray(from, to), x.values.subarray(from, to), space, out, i * width);
  }
  return out;
}
