// What a full run leaves behind for incremental work: the vocabulary with its IDF weights and term
// vectors, and each cluster's centroid, label and acceptance threshold. Plain data, serialisable to
// JSON, so the background job can store it and every server process can load it.
import { z } from 'zod';
import { embedRow } from './embedding.ts';
import { vectorizeText, type Vocabulary } from './vectorize.ts';

export interface ModelCluster {
  key: string;
  /** unit vector in the document space (`dims` numbers) */
  centroid: Float32Array;
  label: string[];
  representative: string;
  size: number;
  /**
   * Least similarity for a new text to join: the 5th percentile of the members' own similarities
   * (pooled over all clusters for a cluster under 20 members), so a newcomer is accepted when it is
   * at least as typical as 95% of the members already there.
   */
  threshold: number;
  locked: boolean;
}

export interface ClusterModel {
  version: 1;
  /** width of a document vector: the LSA view's `lsaDims`, then the co-occurrence view's */
  dims: number;
  lsaDims: number;
  /** m0, the prior weight of the co-occurrence view (see embedding.ts) */
  prior: number;
  terms: string[];
  idf: Float32Array;
  /**
   * Share of feature occurrences the vocabulary knew when it was learned: when a run that reuses
   * the model (ClusterOptions.model) covers clearly less, the vocabulary has drifted.
   */
  coverage: number;
  /** terms × dims, row-major: the linear map from a TF-IDF row to both views */
  vectors: Float32Array;
  clusters: ModelCluster[];
  /** term → id, rebuilt on load */
  index: Map<string, number>;
}

export interface Assignment {
  key: string;
  similarity: number;
}

/** The unit document vector of a text under the model, or null when it has no known term. */
export function embedText(model: ClusterModel, text: string): Float32Array | null {
  const vocab: Vocabulary = { terms: model.terms, index: model.index, idf: model.idf };
  const { indices, values } = vectorizeText(text, vocab);
  if (!indices.length) return null;
  const space = {
    vectors: model.vectors,
    lsaDims: model.lsaDims,
    ppmiDims: model.dims - model.lsaDims,
    prior: model.prior,
  };
  const out = new Float32Array(model.dims);
  embedRow(indices, values, space, out);
  return out.some((x) => x !== 0) ? out : null;
}

function nearest(
  model: ClusterModel,
  z: Float32Array,
): { cluster: ModelCluster; similarity: number } | null {
  let best: ModelCluster | null = null;
  let bestSim = -Infinity;
  for (const c of model.clusters) {
    let s = 0;
    for (let b = 0; b < model.dims; b++) s += z[b]! * c.centroid[b]!;
    if (s > bestSim) {
      bestSim = s;
      best = c;
    }
  }
  return best ? { cluster: best, similarity: bestSim } : null;
}

/**
 * The cluster a new text belongs to, or null when it is too far from every cluster (or shares no
 * term with the corpus): it waits in the unassigned bucket for an editor or the next full run.
 */
export function assign(model: ClusterModel, text: string): Assignment | null {
  const z = embedText(model, text);
  return z ? assignVector(model, z) : null;
}

/** `assign` for a vector from `embedText` (embed once, then assign and absorb it). */
export function assignVector(model: ClusterModel, z: Float32Array): Assignment | null {
  const hit = nearest(model, z);
  if (!hit || hit.similarity < hit.cluster.threshold) return null;
  return { key: hit.cluster.key, similarity: hit.similarity };
}

/**
 * Take a text into a cluster between full runs: the centroid moves to the running mean, so the
 * cluster follows its newcomers. Returns false if the key is unknown or the text has no known term.
 */
export function absorb(model: ClusterModel, key: string, text: string): boolean {
  const z = embedText(model, text);
  return z ? absorbVector(model, key, z) : false;
}

/** `absorb` for a vector from `embedText`. */
export function absorbVector(model: ClusterModel, key: string, z: Float32Array): boolean {
  const cluster = model.clusters.find((c) => c.key === key);
  if (!cluster) return false;
  const c = cluster.centroid;
  let norm = 0;
  for (let b = 0; b < model.dims; b++) {
    c[b] = c[b]! * cluster.size + z[b]!;
    norm += c[b]! * c[b]!;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let b = 0; b < model.dims; b++) c[b]! /= norm;
  cluster.size++;
  return true;
}

const toBase64 = (a: Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromBase64(s: string): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.length / 4));
}

const modelJson = z.object({
  version: z.literal(1),
  dims: z.number().int().positive(),
  lsaDims: z.number().int().nonnegative(),
  prior: z.number().positive(),
  coverage: z.number().min(0).max(1),
  terms: z.array(z.string()),
  idf: z.string(),
  vectors: z.string(),
  clusters: z.array(
    z.object({
      key: z.string(),
      centroid: z.string(),
      label: z.array(z.string()),
      representative: z.string(),
      size: z.number().int().nonnegative(),
      threshold: z.number(),
      locked: z.boolean(),
    }),
  ),
});

/** JSON text of a model; float arrays travel as base64 of their float32 bytes (exact, compact). */
export function serializeModel(model: ClusterModel): string {
  return JSON.stringify({
    version: model.version,
    dims: model.dims,
    lsaDims: model.lsaDims,
    prior: model.prior,
    coverage: model.coverage,
    terms: model.terms,
    idf: toBase64(model.idf),
    vectors: toBase64(model.vectors),
    clusters: model.clusters.map((c) => ({ ...c, centroid: toBase64(c.centroid) })),
  });
}

/** A model from `serializeModel`'s output, validated (throws on a malformed or foreign document). */
export function parseModel(json: string): ClusterModel {
  const m = modelJson.parse(JSON.parse(json));
  const idf = fromBase64(m.idf);
  const vectors = fromBase64(m.vectors);
  if (
    idf.length !== m.terms.length ||
    vectors.length !== m.terms.length * m.dims ||
    m.lsaDims > m.dims
  ) {
    throw new Error('cluster model: array sizes do not match the vocabulary');
  }
  const clusters = m.clusters.map((c) => ({ ...c, centroid: fromBase64(c.centroid) }));
  if (clusters.some((c) => c.centroid.length !== m.dims)) {
    throw new Error('cluster model: a centroid has the wrong dimension');
  }
  return {
    version: 1,
    dims: m.dims,
    lsaDims: m.lsaDims,
    prior: m.prior,
    coverage: m.coverage,
    terms: m.terms,
    idf,
    vectors,
    clusters,
    index: new Map(m.terms.map((t, i) => [t, i])),
  };
}
