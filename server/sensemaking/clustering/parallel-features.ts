// The features of a large corpus on two threads: segmenting is most of a full run's time (jieba
// and the Traditional → Simplified pass, ~2M characters a second), and each text is independent.
// The texts are dealt out in chunks (deal-chunks.ts); each thread keeps one interner for all its
// chunks, the worker's terms are merged by name and the chunks joined in text order, so the corpus
// is exactly the one-thread corpus (vocabulary, weights, order).
import { availableParallelism } from 'node:os';
import { segmentPlain } from '../text-pipeline.ts';
import { dealChunks, inChunkOrder, type Share } from './deal-chunks.ts';
import { TermInterner, type TermIds } from './features.ts';
import {
  buildCorpusFromTexts,
  corpusFromIds,
  type Corpus,
  type Vocabulary,
  type VocabularyOptions,
} from './vectorize.ts';

/** A worker's chunks as term ids of its own interner, whose terms come along by name. */
export interface PackedShare extends Share<TermIds> {
  names: string[];
  df: Int32Array;
}

/** Below this many texts a second thread (its start-up loads the dictionaries) is not worth it. */
const MIN_PARALLEL = 4000;
/**
 * Texts per chunk: at 100k texts about half a second of work, so the threads finish at most that
 * far apart, while the per-chunk cost (a few arrays, one slice of the texts) stays negligible.
 */
const FEATURE_CHUNK = 1000;
/** Label texts are fewer (200 per cluster) and cheaper: smaller chunks keep the tail short. */
const WORDS_CHUNK = 250;
/** A worker that has not answered by then is given up on: this thread does its chunks too. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

const WORKER = new URL('./features-worker.ts', import.meta.url);

/** The texts of chunk `c` of size `size`. */
export const chunkOf = (texts: readonly string[], size: number, c: number) =>
  texts.slice(c * size, (c + 1) * size);

/** The chunks' term ids one after the other (their documents numbered on across chunks). */
function concat(parts: readonly TermIds[]): TermIds {
  const total = (key: keyof TermIds) => parts.reduce((sum, part) => sum + part[key].length, 0);
  const out = {
    sentences: new Int32Array(total('sentences')),
    lengths: new Int32Array(total('lengths')),
    ids: new Int32Array(total('ids')),
  };
  const at = { sentences: 0, lengths: 0, ids: 0 };
  for (const part of parts) {
    for (const key of ['sentences', 'lengths', 'ids'] as const) {
      out[key].set(part[key], at[key]);
      at[key] += part[key].length;
    }
  }
  return out;
}

/** `buildCorpusFromTexts`, the texts dealt out in chunks to this thread and another. */
export function buildCorpusInParallel(
  texts: readonly string[],
  options: VocabularyOptions = {},
  fixed?: Vocabulary,
  minTexts = MIN_PARALLEL,
  chunkSize = FEATURE_CHUNK,
): Corpus {
  if (texts.length < minTexts || availableParallelism() < 2) {
    return buildCorpusFromTexts(texts, options, fixed);
  }
  const count = Math.ceil(texts.length / chunkSize);
  const interner = new TermInterner();
  const pack = (c: number) => interner.pack(chunkOf(texts, chunkSize, c), c * chunkSize);
  const { mine, theirs } = dealChunks<TermIds, PackedShare>(
    WORKER,
    { kind: 'features', texts, chunkSize },
    count,
    pack,
    WORKER_TIMEOUT_MS,
  );
  if (theirs) {
    // the worker's arrays were transferred, not copied: translated in place
    const remap = interner.merge(theirs.names, theirs.df);
    for (const { ids } of theirs.parts)
      for (let p = 0; p < ids.length; p++) ids[p] = remap[ids[p]!]!;
  }
  const ids = concat(inChunkOrder(count, [mine, theirs], pack));
  return corpusFromIds(ids, interner, options, fixed);
}

/** `segmentPlain` of each text (for the labels), dealt out in chunks to this thread and another. */
export function segmentPlainInParallel(
  texts: readonly string[],
  minTexts = MIN_PARALLEL,
  chunkSize = WORDS_CHUNK,
): string[][] {
  if (texts.length < minTexts || availableParallelism() < 2) return texts.map(segmentPlain);
  const count = Math.ceil(texts.length / chunkSize);
  const segment = (c: number) => chunkOf(texts, chunkSize, c).map(segmentPlain);
  const { mine, theirs } = dealChunks<string[][], Share<string[][]>>(
    WORKER,
    { kind: 'plain-words', texts, chunkSize },
    count,
    segment,
    WORKER_TIMEOUT_MS,
  );
  return inChunkOrder(count, [mine, theirs], segment).flat();
}
