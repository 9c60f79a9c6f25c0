// The little linear algebra clustering needs, by hand: a randomized truncated SVD (Halko,
// Martinsson & Tropp 2011) of a sparse matrix, built on a symmetric eigensolver (Householder + QL)
// for the small l × l problems. Dense matrices are row-major Float64Arrays.
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
 * Eigen-decomposition of a symmetric n × n matrix: Householder reduction to tridiagonal form, then
 * the implicit QL algorithm (tred2/tql2 as in EISPACK and JAMA), O(n³) with a small constant.
 * Returns eigenvalues in descending order and the matching eigenvectors as the columns of `vectors`
 * (row-major n × n).
 */
export function symmetricEigen(
  input: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const V: Float64Array[] = [];
  for (let i = 0; i < n; i++) V.push(Float64Array.from(input.subarray(i * n, i * n + n)));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const row = (i: number) => V[i]!;
  // tred2: Householder tridiagonalisation
  for (let j = 0; j < n; j++) d[j] = row(n - 1)[j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = row(i - 1)[j]!;
        row(i)[j] = 0;
        row(j)[i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        row(j)[i] = f;
        g = e[j]! + row(j)[j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += row(k)[j]! * d[k]!;
          e[k]! += row(k)[j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) row(k)[j]! -= f * e[k]! + g * d[k]!;
        d[j] = row(i - 1)[j]!;
        row(i)[j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    row(n - 1)[i] = row(i)[i]!;
    row(i)[i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = row(k)[i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += row(k)[i + 1]! * row(k)[j]!;
        for (let k = 0; k <= i; k++) row(k)[j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) row(k)[i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = row(n - 1)[j]!;
    row(n - 1)[j] = 0;
  }
  if (n > 0) row(n - 1)[n - 1] = 1;
  e[0] = 0;
  // tql2: implicit QL on the tridiagonal matrix
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  if (n > 0) e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * tst1) m++;
    if (m >= n) m = n - 1;
    if (m > l) {
      for (let iter = 0; iter < 100; iter++) {
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            const rk = row(k);
            h = rk[i + 1]!;
            rk[i + 1] = s * rk[i]! + c * h;
            rk[i] = c * rk[i]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]!) > eps * tst1)) break;
      }
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[j]! - d[i]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = row(k)[src]!;
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
 * (directions with a negligible eigenvalue are zeroed). A second pass (`passes` = 2) would restore
 * the orthogonality the first loses to rounding, as in CholeskyQR2; the subspace iteration here is
 * well enough conditioned for one.
 */
export function orthonormalize(m: Float64Array, rows: number, l: number, passes = 1): void {
  for (let pass = 0; pass < passes; pass++) {
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
 * The leading `rank` singular values and right singular vectors of a sparse matrix X, by randomized
 * subspace iteration (Halko, Martinsson & Tropp 2011, algorithm 4.4) on XᵀX: a Gaussian sketch with
 * `oversample` extra columns, refined by `powerIterations` rounds (text spectra decay slowly; two
 * rounds make the leading directions accurate), then Rayleigh–Ritz on the small l × l problem. All
 * dense work is on the term side (cols × l) except one Gram matrix of X·Z, so the cost is a few
 * sparse products plus O((rows + cols) · l²).
 */
export function randomizedSvd(
  x: SparseRows,
  rank: number,
  options: { oversample?: number; powerIterations?: number; seed?: number } = {},
): TruncatedSvd {
  const l = Math.min(rank + (options.oversample ?? 10), x.rows, x.cols);
  const k = Math.min(rank, l);
  const normal = gaussian(seededRandom(options.seed ?? 1));
  const omega = new Float64Array(x.rows * l);
  for (let i = 0; i < omega.length; i++) omega[i] = normal();
  let z = sparseTransposeTimesDense(x, omega, l); // a sketch of the row space of X
  for (let q = 0; q < (options.powerIterations ?? 2); q++) {
    orthonormalize(z, x.cols, l);
    z = sparseTransposeTimesDense(x, sparseTimesDense(x, z, l), l);
  }
  orthonormalize(z, x.cols, l);
  // Rayleigh–Ritz: (XZ)ᵀ(XZ) = W Σ² Wᵀ, and the right singular vectors are Z W.
  const { values, vectors } = symmetricEigen(gram(sparseTimesDense(x, z, l), x.rows, l), l);
  const sigma = new Float64Array(k);
  for (let b = 0; b < k; b++) sigma[b] = Math.sqrt(Math.max(values[b]!, 0));
  const components = new Float64Array(x.cols * k);
  for (let i = 0; i < x.cols; i++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += z[i * l + a]! * vectors[a * l + b]!;
      components[i * k + b] = s;
    }
  }
  return { sigma, components, rank: k };
}
