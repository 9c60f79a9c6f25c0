// The routing classifier: TF-IDF over words and character n-grams, one linear SVM per class
// (one-vs-rest, L2-regularised squared hinge, solved by dual coordinate descent as in LIBLINEAR),
// and a softmax over the class scores whose temperature is fitted on out-of-fold scores, so the
// confidence behaves like a probability. Hand-written because it is small and there is no
// well-kept JavaScript library for linear text classification.
import { z } from 'zod';
import {
  defaultFeatureConfig,
  extractTerms,
  hashTerm,
  spellGram,
  termBlock,
  termSurface,
  WORD,
  type ExtractedTerms,
  type FeatureConfig,
} from './features.ts';

export interface TrainingExample {
  /** Title and body of a message, joined by a new line (a title alone is fine). */
  text: string;
  label: string;
  /** Relative importance (a reviewer's correction may count more than history); default 1. */
  weight?: number;
}

export interface TrainOptions {
  features?: Partial<FeatureConfig>;
  /** SVM cost: higher fits the training data more closely (LIBLINEAR's C). Default 0.5. */
  c?: number;
  /** Terms seen in fewer training texts are dropped. Default 2 (1 below 1,000 examples). */
  minDf?: number;
  /** Keep at most this many terms, the most frequent first. Default 100,000. */
  maxFeatures?: number;
  /** Upper bound on passes over the data per class. Default 100. */
  maxEpochs?: number;
  /**
   * Folds used to fit the confidence temperature; 0 keeps a fixed default, as do fewer than 50
   * examples a label. Default 3.
   */
  calibrationFolds?: number;
  /**
   * Weigh each label inversely to its frequency, so every label counts alike as in macro-F1 (a
   * rare topic is not sacrificed to a common one). Default true: +0.002 macro-F1 in 5-fold
   * cross-validation, the same direction with each of three fold seeds.
   */
  balanced?: boolean;
  /** Seed of the shuffles and folds: same data and seed give the same model. Default 1. */
  seed?: number;
}

export interface ClassifierStats {
  examples: number;
  features: number;
  trainingMs: number;
  trainedAt: string;
  /** Training texts per label. */
  perLabel: Record<string, number>;
}

export interface ClassifierModel {
  readonly labels: string[];
  readonly vocab: string[];
  readonly features: FeatureConfig;
  /** Number of training texts, and per term the number containing it (IDF is derived). */
  readonly docCount: number;
  readonly df: Uint32Array;
  readonly idf: Float32Array;
  /** Term-major: `weights[term * labels.length + k]`, dequantised from int8. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Per-label quantisation step of the weights. */
  readonly steps: Float32Array;
  /** Inverse temperature of the softmax that turns scores into confidences. */
  readonly sharpness: number;
  readonly stats: ClassifierStats;
  /** Term → id, built from `vocab`. */
  readonly index: TermTable;
}

export interface Evidence {
  /** A word or run of characters from the text. */
  word: string;
  /** How much it added to the chosen label's score. */
  weight: number;
}

export interface Prediction {
  label: string;
  /** Softmax probability of the label, calibrated on held-out folds during training. */
  confidence: number;
  /** Every label, most likely first: raw SVM score and softmax probability. */
  ranking: { label: string; score: number; probability: number }[];
  /** The terms that pushed the text towards `label` most, strongest first. */
  evidence: Evidence[];
}

const defaults = {
  c: 0.5,
  minDf: 2,
  maxFeatures: 100_000,
  maxEpochs: 100,
  calibrationFolds: 3,
  seed: 1,
  balanced: true,
};
/** Used when calibration is switched off (a typical fitted value). */
const defaultSharpness = 4;
const tolerance = 0.1;

// ---------------------------------------------------------------------------------------------
// Vectors

interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Sublinear TF × IDF, each block (words, characters, title) scaled to unit length, then all to 1. */
function tfidfRow(
  ids: ArrayLike<number>,
  counts: ArrayLike<number>,
  idf: Float32Array,
  blockOf: Uint8Array,
): Float32Array {
  const values = new Float32Array(ids.length);
  const norms = [0, 0, 0];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const v = (1 + Math.log(counts[i]!)) * idf[id]!;
    values[i] = v;
    norms[blockOf[id]!]! += v * v;
  }
  const blocks = norms.filter((n) => n > 0).length;
  const scales = norms.map((n) => (n > 0 ? 1 / Math.sqrt(n * blocks) : 0));
  for (let i = 0; i < ids.length; i++) values[i] = values[i]! * scales[blockOf[ids[i]!]!]!;
  return values;
}

/**
 * Term → id, keyed by a 32-bit hash of the term (open addressing). Two terms with the same hash
 * share an id: among a million terms that happens to a few dozen rare ones, harmless here, and
 * it is several times faster than a Map of strings on the hot path of training.
 */
export class TermTable {
  /** Pairs (hash, id) per slot; id -1 marks an empty slot. */
  private slots: Int32Array;
  size = 0;
  /** The term behind each id (the first one seen, should two share a hash). */
  readonly terms: string[] = [];

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = TermTable.empty(capacity);
  }

  private static empty(capacity: number): Int32Array {
    const slots = new Int32Array(capacity * 2);
    for (let s = 1; s < slots.length; s += 2) slots[s] = -1;
    return slots;
  }

  /** The id of a term with hash `h`, or -1. */
  getHash(h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[2 * s + 1]!;
      if (id === -1 || slots[2 * s] === h) return id;
    }
  }

  /** The id of a term. */
  get(term: string): number {
    return this.getHash(hashTerm(term));
  }

  /** The id of a term with hash `h`, giving it the next free id (spelled `term()`) if new. */
  addHash(h: number, term: () => string): number {
    if (this.size * 4 >= this.slots.length) this.grow();
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = slots[2 * s + 1]!;
      if (id !== -1 && slots[2 * s] === h) return id;
      if (id === -1) {
        slots[2 * s] = h;
        slots[2 * s + 1] = this.size;
        this.terms.push(term());
        return this.size++;
      }
    }
  }

  add(term: string): number {
    return this.addHash(hashTerm(term), () => term);
  }

  private grow(): void {
    const old = this.slots;
    const slots = TermTable.empty(old.length);
    const mask = (slots.length >> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o + 1] === -1) continue;
      let s = old[o]! & mask;
      while (slots[2 * s + 1] !== -1) s = (s + 1) & mask;
      slots[2 * s] = old[o]!;
      slots[2 * s + 1] = old[o + 1]!;
    }
    this.slots = slots;
  }
}

/** Counts term ids of a text in a reusable buffer indexed by id. */
class TermCounter {
  private counts = new Int32Array(1 << 12);
  private touched = new Int32Array(1 << 12);

  /**
   * Ids and counts of the known terms, in order of first appearance; with `grow`, unknown terms
   * get new ids.
   */
  count(terms: ExtractedTerms, table: TermTable, grow = false): [Int32Array, Float32Array] {
    const { words, grams } = terms;
    const total = words.length + grams.length;
    if (this.touched.length < total) this.touched = new Int32Array(total * 2);
    // Room for every id the table has, and for every term being new.
    const room = table.size + (grow ? total : 0);
    if (this.counts.length < room) {
      const bigger = new Int32Array(room * 2);
      bigger.set(this.counts);
      this.counts = bigger;
    }
    const counts = this.counts;
    const touched = this.touched;
    let n = 0;
    for (let i = 0; i < total; i++) {
      const h = i < words.length ? hashTerm(words[i]!) : grams[i - words.length]!;
      const id = grow ? table.addHash(h, () => termAt(terms, i)) : table.getHash(h);
      if (id >= 0 && counts[id]!++ === 0) touched[n++] = id;
    }
    const ids = touched.slice(0, n);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = counts[ids[i]!]!;
      counts[ids[i]!] = 0;
    }
    return [ids, values];
  }
}

/** Term `i` of a text: its words first, then its n-grams. */
function termAt(terms: ExtractedTerms, i: number): string {
  return i < terms.words.length ? terms.words[i]! : spellGram(terms, i - terms.words.length);
}

const counter = new TermCounter();

function tableOf(vocab: string[]): TermTable {
  const table = new TermTable(vocab.length);
  for (const term of vocab) table.add(term);
  return table;
}

function idfOf(df: Uint32Array, docCount: number): Float32Array {
  const idf = new Float32Array(df.length);
  for (let j = 0; j < df.length; j++) idf[j] = Math.log((1 + docCount) / (1 + df[j]!)) + 1;
  return idf;
}

function blocksOf(vocab: string[]): Uint8Array {
  return Uint8Array.from(vocab, termBlock);
}

// ---------------------------------------------------------------------------------------------
// Training

/** Deterministic pseudo-random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * One-vs-rest L2-loss linear SVMs by dual coordinate descent (Hsieh et al. 2008, LIBLINEAR's
 * solver 1), all labels in the same pass over the rows so each row is read once per pass. Returns
 * term-major weights `w[term * labels + k]`, the bias (a constant feature of value 1) last.
 */
function trainOneVsRest(
  x: SparseRows,
  rows: number[],
  labelOf: Int32Array,
  labelCount: number,
  costs: Float64Array,
  featureCount: number,
  maxEpochs: number,
  random: () => number,
): Float64Array {
  const { indptr, indices, values } = x;
  const K = labelCount;
  const n = rows.length;
  const w = new Float64Array((featureCount + 1) * K);
  const biasAt = featureCount * K;
  const alpha = new Float64Array(n * K);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = rows[r]!;
    let sq = 1;
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) sq += values[p]! * values[p]!;
    diag[r] = 0.5 / costs[i]!;
    qd[r] = sq + diag[r]!;
  }
  const order = Int32Array.from(rows, (_, r) => r);
  const dots = new Float64Array(K);
  const step = new Float64Array(K);
  const pgMax = new Float64Array(K);
  const pgMin = new Float64Array(K);
  const done = new Uint8Array(K);
  for (let epoch = 0; epoch < maxEpochs; epoch++) {
    for (let s = n - 1; s > 0; s--) {
      const j = Math.floor(random() * (s + 1));
      const t = order[s]!;
      order[s] = order[j]!;
      order[j] = t;
    }
    pgMax.fill(-Infinity);
    pgMin.fill(Infinity);
    for (let s = 0; s < n; s++) {
      const r = order[s]!;
      const i = rows[r]!;
      const from = indptr[i]!;
      const to = indptr[i + 1]!;
      for (let k = 0; k < K; k++) dots[k] = w[biasAt + k]!;
      for (let p = from; p < to; p++) {
        const base = indices[p]! * K;
        const v = values[p]!;
        for (let k = 0; k < K; k++) dots[k]! += w[base + k]! * v;
      }
      let moved = false;
      for (let k = 0; k < K; k++) {
        step[k] = 0;
        if (done[k]) continue;
        const y = labelOf[i] === k ? 1 : -1;
        const a = alpha[r * K + k]!;
        const g = y * dots[k]! - 1 + diag[r]! * a;
        const pg = a === 0 ? Math.min(g, 0) : g;
        if (pg > pgMax[k]!) pgMax[k] = pg;
        if (pg < pgMin[k]!) pgMin[k] = pg;
        if (Math.abs(pg) > 1e-12) {
          const next = Math.max(a - g / qd[r]!, 0);
          alpha[r * K + k] = next;
          step[k] = (next - a) * y;
          moved = true;
        }
      }
      if (!moved) continue;
      for (let p = from; p < to; p++) {
        const base = indices[p]! * K;
        const v = values[p]!;
        for (let k = 0; k < K; k++) w[base + k]! += step[k]! * v;
      }
      for (let k = 0; k < K; k++) w[biasAt + k]! += step[k]!;
    }
    let all = true;
    for (let k = 0; k < K; k++) {
      if (pgMax[k]! - pgMin[k]! <= tolerance) done[k] = 1;
      all &&= done[k] === 1;
    }
    if (all) break;
  }
  return w;
}

function rowScores(
  x: SparseRows,
  i: number,
  w: Float64Array,
  K: number,
  featureCount: number,
): number[] {
  const scores = Array.from({ length: K }, (_, k) => w[featureCount * K + k]!);
  for (let p = x.indptr[i]!; p < x.indptr[i + 1]!; p++) {
    const base = x.indices[p]! * K;
    for (let k = 0; k < K; k++) scores[k]! += w[base + k]! * x.values[p]!;
  }
  return scores;
}

function softmax(scores: ArrayLike<number>, sharpness: number): number[] {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, scores[k]!);
  const e = Array.from(scores, (s) => Math.exp(sharpness * (s - max)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The softmax sharpness that minimises the negative log-likelihood of held-out scores. */
function fitSharpness(scores: number[][], truth: number[]): number {
  const nll = (a: number) => {
    let total = 0;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      let max = -Infinity;
      for (const v of s) max = Math.max(max, v);
      let sum = 0;
      for (const v of s) sum += Math.exp(a * (v - max));
      total += Math.log(sum) - a * (s[truth[i]!]! - max);
    }
    return total;
  };
  // Golden-section search on log(a) over [0.1, 100]: the likelihood is unimodal in a.
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.1);
  let hi = Math.log(100);
  let m1 = hi - phi * (hi - lo);
  let m2 = lo + phi * (hi - lo);
  let f1 = nll(Math.exp(m1));
  let f2 = nll(Math.exp(m2));
  for (let step = 0; step < 30; step++) {
    if (f1 < f2) {
      hi = m2;
      m2 = m1;
      f2 = f1;
      m1 = hi - phi * (hi - lo);
      f1 = nll(Math.exp(m1));
    } else {
      lo = m1;
      m1 = m2;
      f1 = f2;
      m2 = lo + phi * (hi - lo);
      f2 = nll(Math.exp(m2));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Stratified assignment of rows to `folds` folds (round robin within each shuffled label). */
export function stratifiedFolds(labels: string[], folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    shuffle(byLabel.get(label)!, random).forEach((i, n) => (fold[i] = (n + offset) % folds));
    offset += byLabel.get(label)!.length;
  }
  return fold;
}

/** Trains a model from labelled texts. Deterministic for a given input order and seed. */
export function trainClassifier(
  examples: TrainingExample[],
  options: TrainOptions = {},
): ClassifierModel {
  const started = performance.now();
  const o = {
    c: options.c ?? defaults.c,
    minDf: options.minDf ?? (examples.length < 1000 ? 1 : defaults.minDf),
    maxFeatures: options.maxFeatures ?? defaults.maxFeatures,
    maxEpochs: options.maxEpochs ?? defaults.maxEpochs,
    calibrationFolds: options.calibrationFolds ?? defaults.calibrationFolds,
    seed: options.seed ?? defaults.seed,
    balanced: options.balanced ?? defaults.balanced,
  };
  const features: FeatureConfig = { ...defaultFeatureConfig, ...options.features };
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error('Training needs examples of at least two labels');
  const labelIndex = new Map(labels.map((l, k) => [l, k]));

  // Terms of every text, counted; provisional ids in order of first appearance.
  const provisional = new TermTable(1 << 16);
  const docIds: Int32Array[] = [];
  const docCounts: Float32Array[] = [];
  for (const e of examples) {
    const [ids, counts] = counter.count(extractTerms(e.text, features), provisional, true);
    docIds.push(ids);
    docCounts.push(counts);
  }
  const rawDf = new Uint32Array(provisional.size);
  for (const ids of docIds) for (const id of ids) rawDf[id]!++;

  // Vocabulary: terms in at least minDf texts, the most frequent maxFeatures of them, in order.
  let kept: number[] = [];
  for (let id = 0; id < rawDf.length; id++) if (rawDf[id]! >= o.minDf) kept.push(id);
  if (kept.length > o.maxFeatures) {
    kept = kept.sort((a, b) => rawDf[b]! - rawDf[a]! || a - b).slice(0, o.maxFeatures);
    kept.sort((a, b) => a - b);
  }
  const newId = new Int32Array(provisional.size).fill(-1);
  kept.forEach((id, j) => (newId[id] = j));
  const vocab = new Array<string>(kept.length);
  provisional.terms.forEach((term, id) => {
    if (newId[id]! >= 0) vocab[newId[id]!] = term;
  });
  const df = Uint32Array.from(kept, (id) => rawDf[id]!);
  const idf = idfOf(df, examples.length);
  const blockOf = blocksOf(vocab);
  const featureCount = vocab.length;

  // The document-term matrix.
  const indptr = new Int32Array(examples.length + 1);
  for (let i = 0; i < docIds.length; i++) {
    let nnz = 0;
    for (const id of docIds[i]!) if (newId[id]! >= 0) nnz++;
    indptr[i + 1] = indptr[i]! + nnz;
  }
  const indices = new Int32Array(indptr[examples.length]!);
  const counts = new Float32Array(indptr[examples.length]!);
  for (let i = 0; i < docIds.length; i++) {
    let p = indptr[i]!;
    const ids = docIds[i]!;
    for (let q = 0; q < ids.length; q++) {
      const j = newId[ids[q]!]!;
      if (j < 0) continue;
      indices[p] = j;
      counts[p++] = docCounts[i]![q]!;
    }
  }
  docIds.length = 0;
  docCounts.length = 0;
  const values = new Float32Array(indices.length);
  for (let i = 0; i < examples.length; i++) {
    const from = indptr[i]!;
    const to = indptr[i + 1]!;
    values.set(tfidfRow(indices.subarray(from, to), counts.subarray(from, to), idf, blockOf), from);
  }
  const x: SparseRows = { indptr, indices, values };
  const labelOf = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  const labelCounts = new Array<number>(labels.length).fill(0);
  for (const l of labelOf) labelCounts[l]!++;
  const costs = Float64Array.from(
    examples,
    (e, i) =>
      o.c *
      (e.weight ?? 1) *
      (o.balanced ? examples.length / (labels.length * labelCounts[labelOf[i]!]!) : 1),
  );
  const random = seededRandom(o.seed);

  // Confidence temperature from out-of-fold scores (vocabulary and IDF are shared: a negligible
  // leak for this purpose).
  // Too few examples (under 50 a label) make the fit meaningless: keep the typical value then.
  let sharpness = defaultSharpness;
  if (o.calibrationFolds >= 2 && examples.length >= 50 * labels.length) {
    const fold = stratifiedFolds(
      examples.map((e) => e.label),
      o.calibrationFolds,
      o.seed,
    );
    const heldScores: number[][] = [];
    const heldTruth: number[] = [];
    for (let f = 0; f < o.calibrationFolds; f++) {
      const trainRows = fold.flatMap((g, i) => (g === f ? [] : [i]));
      const w = trainOneVsRest(
        x,
        trainRows,
        labelOf,
        labels.length,
        costs,
        featureCount,
        o.maxEpochs,
        random,
      );
      fold.forEach((g, i) => {
        if (g !== f) return;
        heldScores.push(rowScores(x, i, w, labels.length, featureCount));
        heldTruth.push(labelOf[i]!);
      });
    }
    sharpness = fitSharpness(heldScores, heldTruth);
  }

  const allRows = examples.map((_, i) => i);
  const w = trainOneVsRest(
    x,
    allRows,
    labelOf,
    labels.length,
    costs,
    featureCount,
    o.maxEpochs,
    random,
  );

  // Quantise to int8 per label now, so a saved and reloaded model predicts exactly the same.
  const k = labels.length;
  const steps = new Float32Array(k);
  for (let j = 0; j < featureCount * k; j++) {
    steps[j % k] = Math.max(steps[j % k]!, Math.abs(w[j]!) / 127);
  }
  for (let c = 0; c < k; c++) if (steps[c] === 0) steps[c] = 1;
  const weights = new Float32Array(featureCount * k);
  for (let j = 0; j < featureCount * k; j++) {
    weights[j] = Math.round(w[j]! / steps[j % k]!) * steps[j % k]!;
  }
  const bias = Float32Array.from({ length: k }, (_, c) => w[featureCount * k + c]!);
  const perLabel: Record<string, number> = {};
  for (const e of examples) perLabel[e.label] = (perLabel[e.label] ?? 0) + 1;

  return {
    labels,
    vocab,
    features,
    docCount: examples.length,
    df,
    idf,
    weights,
    bias,
    steps,
    sharpness,
    index: tableOf(vocab),
    stats: {
      examples: examples.length,
      features: featureCount,
      trainingMs: Math.round(performance.now() - started),
      trainedAt: new Date().toISOString(),
      perLabel,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Prediction

/** Options of `predict`. */
export interface PredictOptions {
  /** How many evidence words to return. Default 8. */
  evidence?: number;
}

export function predict(
  model: ClassifierModel,
  text: string,
  options: PredictOptions = {},
): Prediction {
  const k = model.labels.length;
  const terms = extractTerms(text, model.features);
  const [ids, counts] = counter.count(terms, model.index);
  const x = tfidfRow(ids, counts, model.idf, modelBlocks(model));
  const scores = Float64Array.from(model.bias);
  const weights = model.weights;
  for (let p = 0; p < ids.length; p++) {
    const base = ids[p]! * k;
    const v = x[p]!;
    for (let c = 0; c < k; c++) scores[c]! += weights[base + c]! * v;
  }
  const probabilities = softmax(scores, model.sharpness);
  const ranking = model.labels
    .map((label, c) => ({ label, score: scores[c]!, probability: probabilities[c]! }))
    .sort((a, b) => b.probability - a.probability);
  const top = model.labels.indexOf(ranking[0]!.label);
  const evidence = explain(model, terms, ids, x, top, options.evidence ?? 8);
  return { label: ranking[0]!.label, confidence: ranking[0]!.probability, ranking, evidence };
}

/** A Chinese character, or two or more letters or digits: worth showing as evidence. */
function readable(word: string): boolean {
  if (word.length >= 2) return true;
  const code = word.charCodeAt(0);
  return code >= 0x3400 && code <= 0x9fff;
}

/**
 * The words of the text that pushed it towards label `top` most. A word scores what its own
 * feature and the character n-grams inside it added to the label's score (集中供暖 collects 供暖,
 * 集中, 暖 …); a word inside a stronger one already chosen, or containing one, is left out. Without
 * word features, the strongest character n-grams are shown instead.
 */
function explain(
  model: ClassifierModel,
  terms: ExtractedTerms,
  ids: Int32Array,
  x: Float32Array,
  top: number,
  limit: number,
): Evidence[] {
  if (limit <= 0) return [];
  const k = model.labels.length;
  const surfaces = modelSurfaces(model);
  const bySurface = new Map<string, number>();
  for (let p = 0; p < ids.length; p++) {
    const contribution = model.weights[ids[p]! * k + top]! * x[p]!;
    if (contribution === 0) continue;
    const surface = surfaces[ids[p]!]!;
    bySurface.set(surface, (bySurface.get(surface) ?? 0) + contribution);
  }
  const words = new Set<string>();
  for (const t of terms.words) if (t.startsWith(WORD)) words.add(t.slice(1));
  let candidates: [string, number][];
  if (words.size > 0) {
    candidates = [];
    const n = model.features.charNgramMax;
    for (const word of words) {
      if (!readable(word)) continue;
      const chars = /\d/.test(word) ? word.replace(/\d/g, '0') : word;
      let score = bySurface.get(word) ?? 0;
      for (let i = 0; i < chars.length; i++) {
        for (let m = 1; m <= n && i + m <= chars.length; m++) {
          const gram = chars.slice(i, i + m);
          // Each distinct n-gram counts once (a word may repeat a character).
          if (gram !== word && chars.indexOf(gram) === i) score += bySurface.get(gram) ?? 0;
        }
      }
      candidates.push([word, score]);
    }
  } else {
    candidates = [...bySurface].filter(([surface]) => readable(surface));
  }
  const evidence: Evidence[] = [];
  for (const [word, weight] of candidates.sort((a, b) => b[1] - a[1])) {
    if (evidence.length >= limit || weight <= 0) break;
    if (evidence.some((e) => e.word.includes(word) || word.includes(e.word))) continue;
    evidence.push({ word, weight: Math.round(weight * 1e4) / 1e4 });
  }
  return evidence;
}

const surfaceCache = new WeakMap<ClassifierModel, string[]>();
function modelSurfaces(model: ClassifierModel): string[] {
  let surfaces = surfaceCache.get(model);
  if (!surfaces) {
    surfaces = model.vocab.map(termSurface);
    surfaceCache.set(model, surfaces);
  }
  return surfaces;
}

const blockCache = new WeakMap<ClassifierModel, Uint8Array>();
function modelBlocks(model: ClassifierModel): Uint8Array {
  let blocks = blockCache.get(model);
  if (!blocks) {
    blocks = blocksOf(model.vocab);
    blockCache.set(model, blocks);
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Saving and loading

const FORMAT = 'huiyin-routing-classifier';

const savedModel = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  labels: z.array(z.string()).min(2),
  features: z.object({
    charNgramMax: z.number().int().min(0).max(7),
    wordUnigrams: z.boolean(),
    wordBigrams: z.boolean(),
    maxChars: z.number().int().positive(),
    titleBlock: z.boolean(),
  }),
  docCount: z.number().int().positive(),
  sharpness: z.number().positive(),
  bias: z.array(z.number()),
  steps: z.array(z.number()),
  /** Terms separated by new lines. */
  vocab: z.string(),
  df: z.array(z.number().int().positive()),
  /** Int8 weights, term-major, base64. */
  weights: z.string(),
  stats: z.object({
    examples: z.number(),
    features: z.number(),
    trainingMs: z.number(),
    trainedAt: z.string(),
    perLabel: z.record(z.string(), z.number()),
  }),
});

/** Compact JSON: terms as one string, document frequencies, int8 weights in base64. */
export function serializeModel(model: ClassifierModel): string {
  if (model.vocab.some((t) => t.includes('\n'))) throw new Error('A term contains a new line');
  const k = model.labels.length;
  const q = new Int8Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(model.weights[i]! / model.steps[i % k]!);
  return JSON.stringify({
    format: FORMAT,
    version: 1,
    labels: model.labels,
    features: model.features,
    docCount: model.docCount,
    sharpness: model.sharpness,
    bias: Array.from(model.bias),
    steps: Array.from(model.steps),
    vocab: model.vocab.join('\n'),
    df: Array.from(model.df),
    weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    stats: model.stats,
  });
}

export function deserializeModel(json: string): ClassifierModel {
  const saved = savedModel.parse(JSON.parse(json));
  const vocab = saved.vocab === '' ? [] : saved.vocab.split('\n');
  const k = saved.labels.length;
  const bytes = Buffer.from(saved.weights, 'base64');
  if (
    saved.df.length !== vocab.length ||
    bytes.length !== vocab.length * k ||
    saved.bias.length !== k ||
    saved.steps.length !== k
  ) {
    throw new Error('Saved routing model is inconsistent (sizes of terms and weights differ)');
  }
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const steps = Float32Array.from(saved.steps);
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = q[i]! * steps[i % k]!;
  const df = Uint32Array.from(saved.df);
  return {
    labels: saved.labels,
    vocab,
    features: saved.features,
    docCount: saved.docCount,
    df,
    idf: idfOf(df, saved.docCount),
    weights,
    bias: Float32Array.from(saved.bias),
    steps,
    sharpness: saved.sharpness,
    stats: saved.stats,
    index: tableOf(vocab),
  };
}
