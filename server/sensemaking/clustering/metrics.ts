// External clustering metrics against reference labels, computed from the contingency table.

type Labels = ArrayLike<string | number>;

function contingency(a: Labels, b: Labels) {
  if (a.length !== b.length) throw new Error('label lists differ in length');
  const ai = new Map<string | number, number>();
  const bi = new Map<string | number, number>();
  const cells = new Map<string, { r: number; c: number; count: number }>();
  const rowSums: number[] = [];
  const colSums: number[] = [];
  for (let i = 0; i < a.length; i++) {
    let r = ai.get(a[i]!);
    if (r === undefined) ai.set(a[i]!, (r = rowSums.push(0) - 1));
    let c = bi.get(b[i]!);
    if (c === undefined) bi.set(b[i]!, (c = colSums.push(0) - 1));
    rowSums[r]!++;
    colSums[c]!++;
    const key = `${r},${c}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { r, c, count: 1 });
  }
  return { n: a.length, rowSums, colSums, cells: [...cells.values()] };
}

const entropy = (sums: number[], n: number) =>
  -sums.reduce((h, s) => (s > 0 ? h + (s / n) * Math.log(s / n) : h), 0);

/**
 * Normalised mutual information, I(A;B) / ((H(A) + H(B)) / 2) — the arithmetic normalisation that
 * scikit-learn uses by default. 1 for identical partitions (up to renaming), ≈ 0 for independent ones.
 */
export function nmi(a: Labels, b: Labels): number {
  const { n, rowSums, colSums, cells } = contingency(a, b);
  if (n === 0) return 1;
  const ha = entropy(rowSums, n);
  const hb = entropy(colSums, n);
  if (ha === 0 && hb === 0) return 1; // both put everything in one group: they agree
  // I(A;B) = Σ n_rc/n · log(n · n_rc / (n_r · n_c))
  let mi = 0;
  for (const { r, c, count } of cells) {
    mi += (count / n) * Math.log((n * count) / (rowSums[r]! * colSums[c]!));
  }
  const denominator = (ha + hb) / 2;
  return denominator > 0 ? Math.max(0, mi / denominator) : 0;
}

const pairs = (x: number) => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985): pair agreement corrected for chance, 1 for identical
 * partitions, ≈ 0 (possibly negative) for independent ones.
 */
export function ari(a: Labels, b: Labels): number {
  const { n, rowSums, colSums, cells } = contingency(a, b);
  const index = cells.reduce((s, x) => s + pairs(x.count), 0);
  const sumA = rowSums.reduce((s, x) => s + pairs(x), 0);
  const sumB = colSums.reduce((s, x) => s + pairs(x), 0);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1; // degenerate: both trivial partitions
  return (index - expected) / (max - expected);
}
