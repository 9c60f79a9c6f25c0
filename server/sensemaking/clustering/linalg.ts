// The little dense linear algebra clustering needs, by hand: a randomized truncated SVD (Halko,
// Martinsson & Tropp 2011) of the sparse TF-IDF matrix, built on a Jacobi eigensolver for the small
// l × l problems. Dense matrices are row-major Float64Arrays.
import { gaussian, seededRandom } from './random.ts';
import type { SparseRows } from './vectorize.ts';

/** X (rows × cols, sparse) · M (cols × l) → rows × l. */
export function sparseTimesDense(x: SparseRows, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(x.rows * l);
  for (let i = 0; i < x.rows; i++) {
    const o = i * l;
    for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) {
      const v = x.values[p]!;
      const r = x.indices[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * m[r + c]!;
    }
  }
  return out;
}

/** Xᵀ (cols × rows) · M (rows × l) → cols × l. */
export function sparseTransposeTimesDense(x: SparseRows, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(x.cols * l);
  for (let i = 0; i < x.rows; i++) {
    const r = i * l;
    for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) {
      const v = x.values[p]!;
      const o = x.indices[p]! * l;
      for (let c = 0; c < l; c++) out[o + c]! += v * m[r + c]!;
    }
  }
  return out;
}

/** Mᵀ M for a rows × l matrix: the l × l Gram matrix of its columns. */
function gram(m: Float64Array, rows: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (let i = 0; i < rows; i++) {
    const r = i * l;
    for (let a = 0; a < l; a++) {
      const va = m[r + a]!;
      if (va === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++) g[ga + b]! += va * m[r + b]!;
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a]!;
  return g;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix by cyclic Jacobi rotations. Returns eigenvalues in
 * descending order and the matching eigenvectors as the columns of `vectors` (row-major n × n).
 */
export function symmetricEigen(input: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i]! * a[i]!;
  const tolerance = 1e-22 * scale;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off <= tolerance) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // rotate columns p and q
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // rotate rows p and q
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}

/** M · T for M rows × l and T l × l, in place row by row. */
function timesSmall(m: Float64Array, rows: number, l: number, t: Float64Array): void {
  const row = new Float64Array(l);
  for (let i = 0; i < rows; i++) {
    const r = i * l;
    row.fill(0);
    for (let a = 0; a < l; a++) {
      const va = m[r + a]!;
      if (va === 0) continue;
      const ta = a * l;
      for (let b = 0; b < l; b++) row[b]! += va * t[ta + b]!;
    }
    m.set(row, r);
  }
}

/**
 * Orthonormalise the columns of a tall rows × l matrix in place: with MᵀM = W Λ Wᵀ, M ← M W Λ^-½
 * (directions with a negligible eigenvalue are zeroed). Done twice, like CholeskyQR2, which restores
 * the orthogonality the first pass loses to rounding.
 */
export function orthonormalize(m: Float64Array, rows: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const { values, vectors } = symmetricEigen(gram(m, rows, l), l);
    const floor = Math.max(values[0]!, 0) * 1e-12;
    const t = new Float64Array(l * l);
    for (let a = 0; a < l; a++) {
      for (let b = 0; b < l; b++) {
        const lambda = values[b]!;
        t[a * l + b] = lambda > floor ? vectors[a * l + b]! / Math.sqrt(lambda) : 0;
      }
    }
    timesSmall(m, rows, l, t);
  }
}

export interface TruncatedSvd {
  /** Singular values, descending. */
  sigma: Float64Array;
  /** Right singular vectors: cols × rank, row-major (one row per term). */
  components: Float64Array;
  rank: number;
}

/**
 * Rank-`rank` SVD of a sparse matrix by randomized range finding: a Gaussian sketch with
 * `oversample` extra columns, refined by `powerIterations` rounds of XᵀX (text spectra decay slowly,
 * and two rounds make the leading directions accurate), then an exact SVD of the small projection.
 */
export function randomizedSvd(
  x: SparseRows,
  rank: number,
  options: { oversample?: number; powerIterations?: number; seed?: number } = {},
): TruncatedSvd {
  const l = Math.min(rank + (options.oversample ?? 10), x.rows, x.cols);
  const k = Math.min(rank, l);
  const normal = gaussian(seededRandom(options.seed ?? 1));
  const omega = new Float64Array(x.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = normal();
  let y = sparseTimesDense(x, omega, l);
  for (let q = 0; q < (options.powerIterations ?? 2); q++) {
    orthonormalize(y, x.rows, l);
    const z = sparseTransposeTimesDense(x, y, l);
    orthonormalize(z, x.cols, l);
    y = sparseTimesDense(x, z, l);
  }
  orthonormalize(y, x.rows, l);
  // Bᵀ = Xᵀ Q (cols × l); B Bᵀ = W Σ² Wᵀ; the right singular vectors are Bᵀ W Σ⁻¹.
  const bt = sparseTransposeTimesDense(x, y, l);
  const { values, vectors } = symmetricEigen(gram(bt, x.cols, l), l);
  const sigma = new Float64Array(k);
  const t = new Float64Array(l * l);
  for (let b = 0; b < k; b++) {
    const s = Math.sqrt(Math.max(values[b]!, 0));
    sigma[b] = s;
    for (let a = 0; a < l; a++) t[a * l + b] = s > 1e-12 ? vectors[a * l + b]! / s : 0;
  }
  timesSmall(bt, x.cols, l, t);
  const components = new Float64Array(x.cols * k);
  for (let i = 0; i < x.cols; i++) {
    for (let b = 0; b < k; b++) components[i * k + b] = bt[i * l + b]!;
  }
  return { sigma, components, rank: k };
}
