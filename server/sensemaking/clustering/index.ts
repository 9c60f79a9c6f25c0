// Topic clustering of short Chinese texts, in plain TypeScript.
//
// Full run (a background job): features (words + character bigrams) → TF-IDF → unit document
// vectors from two views, term co-occurrence (PPMI + truncated SVD) for short texts and LSA for
// long ones, mixed by length (embedding.ts) → spherical k-means (k-means++ or warm start from the
// previous run) → c-TF-IDF labels, a representative, and keys carried over from the previous run
// by member overlap. Editor decisions are inputs, never
// outputs: locked clusters pass through untouched, pinned documents stay where an editor put them,
// an editor's representative and label win over computed ones.
//
// Incremental work between runs uses the model (model.ts): `assign` a new text to the nearest
// cluster or to none.
//
// The run is synchronous (it must see the database as it read it), but a large corpus spreads its
// independent parts over two threads (parallel-features.ts, parallel-embedding.ts) with exactly
// the one-thread results.
import { selectRows, type EmbeddingOptions, type TermSpace } from './embedding.ts';
import { sphericalKMeans } from './kmeans.ts';
import { ctfidfLabels } from './labels.ts';
import { matchClusters, type MemberList } from './match.ts';
import type { ClusterModel, ModelCluster } from './model.ts';
import { fnv1a, seededRandom } from './random.ts';
import { embedInParallel, learnTermSpaceInParallel } from './parallel-embedding.ts';
import { buildCorpusInParallel, segmentPlainInParallel } from './parallel-features.ts';
import { sentencesOf, type VocabularyOptions } from './vectorize.ts';

export {
  absorb,
  absorbVector,
  assign,
  assignVector,
  embedText,
  parseModel,
  serializeModel,
} from './model.ts';
export type { Assignment, ClusterModel, ModelCluster } from './model.ts';
export { matchClusters, type MatchOptions, type MemberList } from './match.ts';
export { ari, nmi } from './metrics.ts';

export interface ClusterDoc {
  id: string;
  text: string;
}

/** A cluster an editor locked: exactly these members, excluded from re-clustering. */
export interface LockedCluster {
  key: string;
  members: readonly string[];
}

export interface ClusterOptions {
  /** Clusters to form, not counting locked ones. Default: √(n/2) (Mardia's rule), at most `maxK`. */
  k?: number;
  /** Upper bound for the automatic k (default 100: more than an editor can review at once). */
  maxK?: number;
  /** Seed of every random choice: the same input and seed give the same clusters. */
  seed?: number;
  /** Words per label (default 4). */
  labelSize?: number;
  /**
   * The previous run's clusters. Their centroids (recomputed from today's vectors) are the
   * starting point, and a new cluster inherits the key of the old one it overlaps (matchClusters).
   * Above 20,000 documents a warm start only gets k-means' polishing rounds (see kmeans.ts), so
   * clusters do not drift between runs.
   */
  previous?: readonly MemberList[];
  /** Editor decisions: locked clusters pass through unchanged (members, key). */
  locked?: readonly LockedCluster[];
  /**
   * Editor decisions: document → cluster key. The document stays in that cluster whatever the
   * vectors say; the cluster keeps that key. A move is one pin; a merge pins both clusters' members
   * to the surviving key; a split pins each part to its own (new) key. Locked membership wins over
   * a pin elsewhere (reported in `conflicts`).
   */
  pinned?: ReadonlyMap<string, string>;
  /** Editor decisions: cluster key → the representative document an editor chose. */
  representatives?: ReadonlyMap<string, string>;
  /** Editor decisions: cluster key → the label an editor wrote (a rename). */
  labels?: ReadonlyMap<string, readonly string[]>;
  /**
   * Reuse this (previous) model's vocabulary, IDF and term vectors instead of learning them again:
   * documents seen before keep exactly their vectors, so together with `previous` a re-run only
   * moves what new documents move. Relearn (leave this out) when the vocabulary has drifted — the
   * `stats.coverage` of this run falls clearly below `model.coverage`.
   */
  model?: ClusterModel;
  /** Term vectors are learned from the sentences of at most this many documents (default 20,000). */
  sampleDocs?: number;
  vocabulary?: VocabularyOptions;
  embedding?: EmbeddingOptions;
  /** Minimum overlap for a key to carry over (see matchClusters; default 0.3). */
  minJaccard?: number;
  /** Key for a cluster with no predecessor; default `clu_` + a hash of its representative's id. */
  newKey?: (representative: string) => string;
}

export interface Cluster {
  key: string;
  /** unit vector in the model's document space */
  centroid: number[];
  /** document ids, the most typical first */
  members: string[];
  /** key phrases (c-TF-IDF), or the editor's label */
  label: string[];
  /** the member closest to the centroid, or the editor's choice */
  representative: string;
  locked: boolean;
  /** where the key came from */
  origin: 'locked' | 'pinned' | 'previous' | 'new';
}

export interface ClusteringResult {
  clusters: Cluster[];
  /** documents with no known term (nothing to cluster them by) */
  unassigned: string[];
  /** documents pinned elsewhere while a member of a locked cluster (the lock was kept) */
  conflicts: string[];
  model: ClusterModel;
  stats: {
    docs: number;
    vocabulary: number;
    /** share of feature occurrences the vocabulary knows (compare with `model.coverage`) */
    coverage: number;
    dims: number;
    k: number;
    iterations: number;
    /** wall-clock milliseconds per stage */
    ms: Record<'features' | 'vectors' | 'kmeans' | 'labels' | 'total', number>;
  };
}

/** Members per cluster whose words make its label. */
const LABEL_SAMPLE = 200;

/** Mardia's rule of thumb k ≈ √(n/2), bounded. */
export function automaticK(n: number, maxK = 100): number {
  return Math.max(1, Math.min(maxK, n, Math.round(Math.sqrt(n / 2))));
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function meanDirection(data: Float32Array, d: number, rows: Iterable<number>): Float32Array {
  const out = new Float32Array(d);
  for (const i of rows) for (let b = 0; b < d; b++) out[b]! += data[i * d + b]!;
  let norm = 0;
  for (let b = 0; b < d; b++) norm += out[b]! * out[b]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let b = 0; b < d; b++) out[b]! /= norm;
  return out;
}

function similarityTo(data: Float32Array, d: number, i: number, c: Float32Array): number {
  let s = 0;
  for (let b = 0; b < d; b++) s += data[i * d + b]! * c[b]!;
  return s;
}

export function clusterAll(
  input: readonly ClusterDoc[],
  options: ClusterOptions = {},
): ClusteringResult {
  const t0 = performance.now();
  const seed = options.seed ?? 42;
  // Sorted by id: the result must not depend on the order the caller happened to read rows in.
  const docs = [...input].sort((a, b) => byString(a.id, b.id));
  const position = new Map<string, number>();
  docs.forEach((doc, i) => {
    if (position.has(doc.id)) throw new Error(`clusterAll: duplicate document id ${doc.id}`);
    position.set(doc.id, i);
  });
  const n = docs.length;

  // 1. features and TF-IDF
  const reuse = options.model;
  const corpus = buildCorpusInParallel(
    docs.map((doc) => doc.text),
    options.vocabulary,
    reuse ? { terms: reuse.terms, index: reuse.index, idf: reuse.idf } : undefined,
  );
  const { vocab, x } = corpus;
  const t1 = performance.now();

  // 2. term vectors from the sentences of a sample of documents (or the previous model's), then
  // document vectors
  let space: TermSpace;
  if (reuse) {
    space = {
      vectors: reuse.vectors,
      lsaDims: reuse.lsaDims,
      ppmiDims: reuse.dims - reuse.lsaDims,
      prior: reuse.prior,
    };
  } else if (vocab.terms.length > 1) {
    const random = seededRandom(seed);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const sampled = order.slice(0, options.sampleDocs ?? 20_000).sort((a, b) => a - b);
    const contexts = sentencesOf(corpus.sentences, sampled, 2);
    space = learnTermSpaceInParallel(selectRows(x, sampled), contexts, {
      seed,
      ...options.embedding,
    });
  } else {
    space = { vectors: new Float32Array(vocab.terms.length), lsaDims: 0, ppmiDims: 1, prior: 1 };
  }
  const d = space.lsaDims + space.ppmiDims;
  const data = embedInParallel(x, space);
  const hasVector = (i: number) => {
    for (let b = 0; b < d; b++) if (data[i * d + b] !== 0) return true;
    return false;
  };
  const t2 = performance.now();

  // 3. editor decisions
  const lockedKeys = new Set((options.locked ?? []).map((c) => c.key));
  const lockedOf = new Map<number, string>();
  for (const c of options.locked ?? []) {
    for (const id of c.members) {
      const i = position.get(id);
      if (i !== undefined) lockedOf.set(i, c.key);
    }
  }
  const conflicts: string[] = [];
  const pinnedOf = new Map<number, string>();
  for (const [id, key] of options.pinned ?? []) {
    const i = position.get(id);
    if (i === undefined) continue;
    const locked = lockedOf.get(i);
    if (locked !== undefined) {
      if (locked !== key) conflicts.push(id);
    } else if (lockedKeys.has(key))
      lockedOf.set(i, key); // pinned into a locked cluster
    else pinnedOf.set(i, key);
  }
  const pinnedKeys = [...new Set(pinnedOf.values())].sort(byString);

  // 4. who takes part in k-means: everyone not locked, with a vector or a pin
  const unassigned: string[] = [];
  const participants: number[] = [];
  for (let i = 0; i < n; i++) {
    if (lockedOf.has(i)) continue;
    if (pinnedOf.has(i) || hasVector(i)) participants.push(i);
    else unassigned.push(docs[i]!.id);
  }
  const np = participants.length;
  const slotOfPinnedKey = new Map(pinnedKeys.map((key, s) => [key, s]));
  let k = options.k ?? automaticK(np, options.maxK);
  k = Math.max(pinnedKeys.length, Math.min(k, np));

  // warm start: pinned clusters first, then the previous run's clusters, largest first
  const previousMembers = (c: MemberList) =>
    c.members
      .map((id) => position.get(id))
      .filter((i): i is number => i !== undefined && !lockedOf.has(i) && hasVector(i));
  const initialRows: Float32Array[] = pinnedKeys.map((key) => {
    const rows = [...pinnedOf].filter(([, k2]) => k2 === key).map(([i]) => i);
    const before = (options.previous ?? []).find((c) => c.key === key);
    return meanDirection(data, d, before ? [...rows, ...previousMembers(before)] : rows);
  });
  const previous = (options.previous ?? []).filter(
    (c) => !lockedKeys.has(c.key) && !slotOfPinnedKey.has(c.key),
  );
  const warm = previous
    .map((c) => ({ c, rows: previousMembers(c) }))
    .filter((w) => w.rows.length > 0)
    .sort((a, b) => b.rows.length - a.rows.length || byString(a.c.key, b.c.key))
    .slice(0, Math.max(0, k - pinnedKeys.length));
  for (const w of warm) initialRows.push(meanDirection(data, d, w.rows));

  const sub = new Float32Array(np * d);
  const pinnedSlot = new Int32Array(np).fill(-1);
  participants.forEach((i, r) => {
    sub.set(data.subarray(i * d, i * d + d), r * d);
    const key = pinnedOf.get(i);
    if (key !== undefined) pinnedSlot[r] = slotOfPinnedKey.get(key)!;
  });
  const initial = new Float32Array(initialRows.length * d);
  initialRows.forEach((row, s) => initial.set(row, s * d));
  const km =
    np > 0 && k > 0
      ? sphericalKMeans({ data: sub, n: np, d, k, seed, initial, pinned: pinnedSlot })
      : null;
  const t3 = performance.now();

  // 5. clusters, keys, labels, representatives
  interface Draft {
    rows: number[]; // document indices
    centroid: Float32Array;
    sims: number[];
    key: string;
    origin: Cluster['origin'];
    locked: boolean;
  }
  const drafts: Draft[] = [];
  if (km) {
    const slots = Array.from({ length: k }, () => ({ rows: [] as number[], sims: [] as number[] }));
    participants.forEach((i, r) => {
      slots[km.assignment[r]!]!.rows.push(i);
      slots[km.assignment[r]!]!.sims.push(km.similarity[r]!);
    });
    slots.forEach((slot, s) => {
      if (!slot.rows.length) return;
      const pinnedKey = pinnedKeys[s];
      drafts.push({
        rows: slot.rows,
        sims: slot.sims,
        centroid: km.centroids.slice(s * d, s * d + d),
        key: pinnedKey ?? `#${s}`,
        origin: pinnedKey !== undefined ? 'pinned' : 'new',
        locked: false,
      });
    });
  }
  const lockedRows = new Map<string, number[]>();
  for (const [i, key] of lockedOf) {
    const rows = lockedRows.get(key);
    if (rows) rows.push(i);
    else lockedRows.set(key, [i]);
  }
  for (const c of options.locked ?? []) {
    const rows = (lockedRows.get(c.key) ?? []).sort((a, b) => a - b);
    const centroid = meanDirection(data, d, rows);
    drafts.push({
      rows,
      centroid,
      sims: rows.map((i) => similarityTo(data, d, i, centroid)),
      key: c.key,
      origin: 'locked',
      locked: true,
    });
  }
  // keys of the previous run carry over by member overlap
  const free = drafts.filter((c) => c.origin === 'new');
  const carried = matchClusters(
    previous,
    free.map((c) => ({ key: c.key, members: c.rows.map((i) => docs[i]!.id) })),
    { minJaccard: options.minJaccard },
  );
  const taken = new Set<string>([
    ...lockedKeys,
    ...pinnedKeys,
    ...(options.previous ?? []).map((c) => c.key), // a vanished cluster's key is not reused
  ]);
  for (const c of free) {
    const old = carried.get(c.key);
    if (old !== undefined) {
      c.key = old;
      c.origin = 'previous';
    }
  }
  const newKey = options.newKey ?? ((rep: string) => `clu_${fnv1a(rep).toString(36)}`);
  for (const c of free) {
    if (c.origin !== 'new') continue;
    let top = 0;
    c.sims.forEach((sim, r) => {
      if (sim > c.sims[top]!) top = r;
    });
    const best = c.rows[top]!;
    let key = newKey(docs[best]!.id);
    for (let suffix = 2; taken.has(key); suffix++) key = `${newKey(docs[best]!.id)}_${suffix}`;
    c.key = key;
    taken.add(key);
  }
  // labels from each cluster's most typical members (a cluster's core says what it is about)
  const typical = drafts.map((c) =>
    c.rows
      .map((i, r) => ({ i, sim: c.sims[r]! }))
      .sort((a, b) => b.sim - a.sim || a.i - b.i)
      .slice(0, LABEL_SAMPLE)
      .map(({ i }) => docs[i]!.text),
  );
  const labels = ctfidfLabels(typical, options.labelSize ?? 4, segmentPlainInParallel);
  // Acceptance thresholds for `assign`: the 5th percentile of the members' similarities to their
  // centroid, so a newcomer joins when it is at least as typical as 95% of those already there.
  // Under 20 members that percentile is just the minimum, too noisy to trust: such clusters use the
  // percentile pooled over all clusters.
  const fifthPercentile = (sims: number[]) => {
    const ascending = [...sims].sort((a, b) => a - b);
    return ascending[Math.floor(0.05 * (ascending.length - 1))] ?? 0;
  };
  const pooled = fifthPercentile(drafts.flatMap((c) => c.sims));
  const clusters: Cluster[] = [];
  const modelClusters: ModelCluster[] = [];
  drafts.forEach((c, ci) => {
    const order = c.rows.map((_, r) => r).sort((a, b) => c.sims[b]! - c.sims[a]! || a - b);
    const members = order.map((r) => docs[c.rows[r]!]!.id);
    const chosen = options.representatives?.get(c.key);
    const representative = chosen !== undefined && members.includes(chosen) ? chosen : members[0];
    const label = [...(options.labels?.get(c.key) ?? labels[ci]!)];
    if (representative === undefined) return; // a locked cluster whose documents are all gone
    clusters.push({
      key: c.key,
      centroid: Array.from(c.centroid),
      members,
      label,
      representative,
      locked: c.locked,
      origin: c.origin,
    });
    modelClusters.push({
      key: c.key,
      centroid: c.centroid,
      label,
      representative,
      size: members.length,
      threshold: c.sims.length >= 20 ? fifthPercentile(c.sims) : pooled,
      locked: c.locked,
    });
  });
  clusters.sort((a, b) => b.members.length - a.members.length || byString(a.key, b.key));
  const t4 = performance.now();
  return {
    clusters,
    unassigned,
    conflicts,
    model: {
      version: 1,
      dims: d,
      lsaDims: space.lsaDims,
      prior: space.prior,
      coverage: reuse ? reuse.coverage : corpus.coverage,
      terms: vocab.terms,
      idf: vocab.idf,
      vectors: space.vectors,
      clusters: modelClusters,
      index: vocab.index,
    },
    stats: {
      docs: n,
      vocabulary: vocab.terms.length,
      coverage: corpus.coverage,
      dims: d,
      k,
      iterations: km?.iterations ?? 0,
      ms: {
        features: t1 - t0,
        vectors: t2 - t1,
        kmeans: t3 - t2,
        labels: t4 - t3,
        total: t4 - t0,
      },
    },
  };
}
