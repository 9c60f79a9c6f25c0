// Spherical k-means (cosine similarity on unit vectors) with k-means++ seeding, warm starts and
// documents pinned to a cluster by an editor.
import { seededRandom } from './random.ts';

export interface KMeansInput {
  /** n × d row-major unit vectors (a zero row is allowed: it joins whatever it must). */
  data: Float32Array;
  n: number;
  d: number;
  k: number;
  /** Starting centroids (m × d, m ≤ k, unit length): clusters 0 … m-1 begin there. */
  initial?: Float32Array;
  /** For each document, -1 or the cluster it is pinned to (an editor's decision is never moved). */
  pinned?: Int32Array;
  seed?: number;
  maxIterations?: number;
  /**
   * Above this many documents (default 128 per cluster — faiss trains on 39–256 — but at least
   * 20,000, below which plain Lloyd is cheap anyway), centroids are found on a random sample and
   * then refined by `polishRounds` Lloyd rounds over all documents (default 2: one to assign
   * everyone, one to settle the centroids on everyone).
   */
  sampleSize?: number;
  polishRounds?: number;
}

export interface KMeansResult {
  assignment: Int32Array;
  centroids: Float32Array;
  /** Cosine similarity of each document to its own centroid. */
  similarity: Float32Array;
  iterations: number;
  /** Sum of similarities: what spherical k-means maximises. */
  objective: number;
}

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += a[ao + c]! * b[bo + c]!;
  return s;
}

function normalizeRows(m: Float32Array, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    const norm = Math.sqrt(dot(m, r * d, m, r * d, d));
    if (norm > 0) for (let c = 0; c < d; c++) m[r * d + c]! /= norm;
  }
}

/**
 * k-means++ (Arthur & Vassilvitskii 2007) with 2 + ln k greedy trials per step, as in scikit-learn,
 * on a sample of at most 100 documents per cluster: the seeding only needs to find the dense regions
 * and the full Lloyd iterations refine from there. Already chosen centres (warm starts) count.
 */
function seedCentroids(input: KMeansInput, m: number, random: () => number): Float32Array {
  const { data, n, d, k } = input;
  const centroids = new Float32Array(k * d);
  if (input.initial) centroids.set(input.initial.subarray(0, m * d));
  if (m >= k) return centroids;
  const sampleSize = Math.min(n, 100 * k);
  const sample: number[] = [];
  if (sampleSize === n) for (let i = 0; i < n; i++) sample.push(i);
  else {
    // partial Fisher–Yates shuffle
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < sampleSize; i++) {
      const j = i + Math.floor(random() * (n - i));
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
      sample.push(t);
    }
  }
  const s = sample.length;
  const closest = new Float64Array(s).fill(Infinity); // squared distance 2 − 2cos to nearest centre
  const update = (c: number, into: Float64Array) => {
    for (let i = 0; i < s; i++) {
      const dist = Math.max(0, 2 - 2 * dot(data, sample[i]! * d, centroids, c * d, d));
      into[i] = Math.min(closest[i]!, dist);
    }
  };
  let chosen = m;
  if (chosen === 0) {
    const first = sample[Math.floor(random() * s)]!;
    centroids.set(data.subarray(first * d, first * d + d), 0);
    chosen = 1;
  }
  for (let c = 0; c < chosen; c++) update(c, closest);
  const trials = 2 + Math.floor(Math.log(k));
  const candidate = new Float64Array(s);
  const best = new Float64Array(s);
  for (; chosen < k; chosen++) {
    let total = 0;
    for (let i = 0; i < s; i++) total += closest[i]!;
    let bestPot = Infinity;
    let bestIndex = -1;
    for (let t = 0; t < trials; t++) {
      let target = random() * total;
      let pick = s - 1;
      for (let i = 0; i < s; i++) {
        target -= closest[i]!;
        if (target <= 0) {
          pick = i;
          break;
        }
      }
      centroids.set(data.subarray(sample[pick]! * d, sample[pick]! * d + d), chosen * d);
      update(chosen, candidate);
      let pot = 0;
      for (let i = 0; i < s; i++) pot += candidate[i]!;
      if (pot < bestPot) {
        bestPot = pot;
        bestIndex = pick;
        best.set(candidate);
      }
    }
    centroids.set(data.subarray(sample[bestIndex]! * d, sample[bestIndex]! * d + d), chosen * d);
    closest.set(best);
  }
  return centroids;
}

const distance = (similarity: number) => Math.sqrt(Math.max(0, 2 - 2 * similarity));

/** Elkan's bounds take documents × clusters numbers: up to 32 MB of them. */
const ELKAN_CELLS = 4_000_000;

/**
 * Spherical k-means: each document joins the centroid of highest cosine similarity, each centroid
 * is the normalised mean of its members. Large inputs train on a sample first (see `sampleSize`),
 * unless most centroids have a warm start.
 * Pinned documents never move; clusters 0 … m-1 start at `initial` when given.
 */
export function sphericalKMeans(input: KMeansInput): KMeansResult {
  const { n, d, k } = input;
  const limit = input.sampleSize ?? Math.max(20_000, 128 * k);
  if (n <= limit) return lloyd(input);
  // A mostly warm start (a re-run) is near where the last run stopped: it only gets the polishing
  // rounds, so that clusters do not drift between runs further than one run polishes.
  const warm = Math.floor((input.initial?.length ?? 0) / d);
  if (warm >= k / 2) return lloyd({ ...input, maxIterations: input.polishRounds ?? 2 });
  // Centroids from a sample (every pinned document included), then a few rounds on everything.
  const random = seededRandom((input.seed ?? 42) ^ 0x5bd1e995);
  const chosen = new Uint8Array(n);
  let count = 0;
  if (input.pinned) {
    for (let i = 0; i < n; i++) {
      if (input.pinned[i]! >= 0) {
        chosen[i] = 1;
        count++;
      }
    }
  }
  while (count < limit) {
    const i = Math.floor(random() * n);
    if (!chosen[i]) {
      chosen[i] = 1;
      count++;
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (chosen[i]) rows.push(i);
  const data = new Float32Array(rows.length * d);
  const pinned = input.pinned ? new Int32Array(rows.length) : undefined;
  rows.forEach((i, r) => {
    data.set(input.data.subarray(i * d, i * d + d), r * d);
    if (pinned) pinned[r] = input.pinned![i]!;
  });
  const trained = lloyd({ ...input, data, n: rows.length, pinned });
  const polished = lloyd({
    ...input,
    initial: trained.centroids,
    maxIterations: input.polishRounds ?? 2,
  });
  return { ...polished, iterations: trained.iterations + polished.iterations };
}

/**
 * Lloyd iterations with Hamerly's bounds (2010): on unit vectors the Euclidean distance is
 * √(2 − 2·cos), so the triangle inequality lets a document skip the scan over all centroids when
 * its own centroid is provably still the nearest. The result is the same as plain Lloyd's.
 *
 * Up to ELKAN_CELLS documents × clusters, Elkan's bounds (2003) instead: one lower bound per
 * document and centroid, so a document rescans only the centroids that may have come closer. With
 * a hundred clusters in a hundred dimensions, every centroid moves a little each round and
 * Hamerly's single bound (lowered by the largest move) stops pruning, while Elkan's still skip
 * most of the distances: the rounds after the first cost a fraction of a scan. Same result again.
 */
function lloyd(input: KMeansInput): KMeansResult {
  const { data, n, d, k } = input;
  const random = seededRandom(input.seed ?? 42);
  const pinned = input.pinned;
  const m = input.initial ? Math.min(k, Math.floor(input.initial.length / d)) : 0;
  let centroids = seedCentroids(input, m, random);
  const assignment = new Int32Array(n).fill(-1);
  const upper = new Float64Array(n); // ≥ distance to own centroid
  const lower = new Float64Array(n); // ≤ distance to any other centroid
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const half = new Float64Array(k); // half the distance to the nearest other centroid
  const moved = new Float64Array(k);
  const maxIterations = input.maxIterations ?? 100;
  const elkan = n * k <= ELKAN_CELLS && k > 1 ? new Float64Array(n * k) : null; // lower bounds
  const between = elkan ? new Float64Array(k * k) : null; // centroid distances / 2
  // Stop when fewer than 1 document in 1,000 changes cluster: later rounds only shuffle borders.
  const settled = Math.floor(n / 1000);

  const scan = (i: number) => {
    const o = i * d;
    let best = -1;
    let bestSim = -Infinity;
    let secondSim = -Infinity;
    for (let c = 0; c < k; c++) {
      const sim = dot(data, o, centroids, c * d, d);
      if (elkan) elkan[i * k + c] = distance(sim);
      if (sim > bestSim) {
        secondSim = bestSim;
        bestSim = sim;
        best = c;
      } else if (sim > secondSim) secondSim = sim;
    }
    upper[i] = distance(bestSim);
    lower[i] = k > 1 ? distance(secondSim) : Infinity;
    return best;
  };

  /** Elkan's step for document i: its nearest centroid, computing only distances that may win. */
  const elkanAssign = (i: number): number => {
    const lowerK = elkan!;
    const o = i * d;
    let a = assignment[i]!;
    if (upper[i]! <= half[a]!) return a;
    let stale = true;
    let aSim = 0;
    for (let c = 0; c < k; c++) {
      if (c === a || upper[i]! <= lowerK[i * k + c]! || upper[i]! <= between![a * k + c]!) continue;
      if (stale) {
        aSim = dot(data, o, centroids, a * d, d);
        upper[i] = distance(aSim);
        lowerK[i * k + a] = upper[i]!;
        stale = false;
        if (upper[i]! <= lowerK[i * k + c]! || upper[i]! <= between![a * k + c]!) continue;
      }
      const sim = dot(data, o, centroids, c * d, d);
      lowerK[i * k + c] = distance(sim);
      if (sim > aSim) {
        a = c;
        aSim = sim;
        upper[i] = distance(sim);
      }
    }
    return a;
  };

  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    if (iterations > 0) {
      for (let c = 0; c < k; c++) {
        let nearest = -Infinity;
        for (let c2 = 0; c2 < k; c2++) {
          if (c2 !== c) nearest = Math.max(nearest, dot(centroids, c * d, centroids, c2 * d, d));
        }
        half[c] = distance(nearest) / 2;
      }
      if (between) {
        for (let c = 0; c < k; c++) {
          for (let c2 = 0; c2 < k; c2++)
            between[c * k + c2] = distance(dot(centroids, c * d, centroids, c2 * d, d)) / 2;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const fixed = pinned ? pinned[i]! : -1;
      if (fixed >= 0) {
        if (assignment[i] !== fixed) changed++;
        assignment[i] = fixed;
        continue;
      }
      if (iterations > 0 && elkan) {
        const a = elkanAssign(i);
        if (assignment[i] !== a) changed++;
        assignment[i] = a;
        continue;
      }
      if (iterations > 0) {
        const a = assignment[i]!;
        const bound = Math.max(half[a]!, lower[i]!);
        if (upper[i]! <= bound) continue;
        upper[i] = distance(dot(data, i * d, centroids, a * d, d));
        if (upper[i]! <= bound) continue;
      }
      const best = scan(i);
      if (assignment[i] !== best) changed++;
      assignment[i] = best;
    }
    // new centroids: normalised means of the members
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      counts[c]!++;
      const o = i * d;
      const co = c * d;
      for (let j = 0; j < d; j++) sums[co + j]! += data[o + j]!;
    }
    // an emptied cluster restarts at the free document worst served by its own centroid
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) continue;
      let worst = -1;
      for (let i = 0; i < n; i++) {
        if ((pinned && pinned[i]! >= 0) || counts[assignment[i]!]! <= 1) continue;
        if (worst < 0 || upper[i]! > upper[worst]!) worst = i;
      }
      if (worst < 0) continue;
      const from = assignment[worst]!;
      for (let j = 0; j < d; j++) {
        sums[from * d + j]! -= data[worst * d + j]!;
        sums[c * d + j] = data[worst * d + j]!;
      }
      counts[from]!--;
      counts[c] = 1;
      assignment[worst] = c;
      upper[worst] = 0;
      lower[worst] = 0; // forces a full scan next round
      if (elkan) elkan.fill(0, worst * k, worst * k + k);
      changed++;
    }
    const next = new Float32Array(k * d);
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) next.set(centroids.subarray(c * d, c * d + d), c * d);
      else for (let j = 0; j < d; j++) next[c * d + j] = sums[c * d + j]!;
    }
    normalizeRows(next, k, d);
    // keep the bounds valid: each centroid moved by moved[c]
    let far = -1;
    let farther = -1;
    for (let c = 0; c < k; c++) {
      moved[c] = distance(dot(centroids, c * d, next, c * d, d));
      if (far < 0 || moved[c]! > moved[far]!) {
        farther = far;
        far = c;
      } else if (farther < 0 || moved[c]! > moved[farther]!) farther = c;
    }
    for (let i = 0; i < n; i++) {
      const a = assignment[i]!;
      upper[i]! += moved[a]!;
      lower[i]! -= a === far ? (farther >= 0 ? moved[farther]! : 0) : moved[far]!;
      if (elkan) for (let c = 0; c < k; c++) elkan[i * k + c]! -= moved[c]!;
    }
    centroids = next;
    if (iterations > 0 && changed <= settled) {
      iterations++;
      break;
    }
  }
  // final similarities against the final centroids
  const similarity = new Float32Array(n);
  let objective = 0;
  for (let i = 0; i < n; i++) {
    similarity[i] = dot(data, i * d, centroids, assignment[i]! * d, d);
    objective += similarity[i]!;
  }
  return { assignment, centroids, similarity, iterations, objective };
}
