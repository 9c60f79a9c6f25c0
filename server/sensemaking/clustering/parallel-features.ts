// The features of a large corpus on two threads: segmenting is most of a full run's time (jieba
// and the Traditional → Simplified pass, ~2M characters a second), and each text is independent.
// The other thread tokenizes the second half of the texts with its own interner; its terms are
// merged by name, so the corpus is exactly the one-thread corpus (vocabulary, weights, order).
import { availableParallelism } from 'node:os';
import { startBlockingWorker } from '../../workers/blocking-worker.ts';
import { segmentPlain } from '../text-pipeline.ts';
import { TermInterner, type TermIds } from './features.ts';
import {
  buildCorpusFromTexts,
  corpusFromIds,
  type Corpus,
  type Vocabulary,
  type VocabularyOptions,
} from './vectorize.ts';

/** One half's features, packed into typed arrays for a cheap transfer between threads. */
export interface PackedFeatures extends TermIds {
  names: string[];
  df: Int32Array;
}

/** Below this many texts a second thread (its start-up loads the dictionaries) is not worth it. */
const MIN_PARALLEL = 4000;
/** A worker that has not answered by then is given up on: this thread does its half too. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

export function packFeatures(texts: readonly string[]): PackedFeatures {
  const interner = new TermInterner();
  const packed = interner.pack(texts);
  return { ...packed, names: interner.names, df: Int32Array.from(interner.df) };
}

/** The documents of `a`, then those of `b` with its ids translated by `remap`. */
function concat(a: TermIds, b: TermIds, remap: Int32Array): TermIds {
  const join = (x: Int32Array, y: Int32Array) => {
    const out = new Int32Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  const ids = new Int32Array(a.ids.length + b.ids.length);
  ids.set(a.ids);
  for (let p = 0, q = a.ids.length; p < b.ids.length; p++, q++) ids[q] = remap[b.ids[p]!]!;
  return { sentences: join(a.sentences, b.sentences), lengths: join(a.lengths, b.lengths), ids };
}

/** `buildCorpusFromTexts`, the second half of the texts tokenized on another thread. */
export function buildCorpusInParallel(
  texts: readonly string[],
  options: VocabularyOptions = {},
  fixed?: Vocabulary,
  minTexts = MIN_PARALLEL,
): Corpus {
  if (texts.length < minTexts || availableParallelism() < 2) {
    return buildCorpusFromTexts(texts, options, fixed);
  }
  const half = Math.ceil(texts.length / 2);
  const worker = startBlockingWorker<PackedFeatures>(
    new URL('./features-worker.ts', import.meta.url),
    { kind: 'features', texts: texts.slice(half) },
  );
  const interner = new TermInterner();
  const first = interner.pack(texts.slice(0, half));
  const packed = worker.wait(WORKER_TIMEOUT_MS) ?? packFeatures(texts.slice(half));
  const ids = concat(first, packed, interner.merge(packed.names, packed.df));
  return corpusFromIds(ids, interner, options, fixed);
}

/** `segmentPlain` of each text (for the labels), the second half on another thread. */
export function segmentPlainInParallel(
  texts: readonly string[],
  minTexts = MIN_PARALLEL,
): string[][] {
  if (texts.length < minTexts || availableParallelism() < 2) return texts.map(segmentPlain);
  const half = Math.ceil(texts.length / 2);
  const worker = startBlockingWorker<string[][]>(new URL('./features-worker.ts', import.meta.url), {
    kind: 'plain-words',
    texts: texts.slice(half),
  });
  const first = texts.slice(0, half).map(segmentPlain);
  const rest = worker.wait(WORKER_TIMEOUT_MS) ?? texts.slice(half).map(segmentPlain);
  return [...first, ...rest];
}
