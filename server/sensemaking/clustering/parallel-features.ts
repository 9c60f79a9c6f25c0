// The features of a large corpus on two threads: segmenting is most of a full run's time (jieba
// and the Traditional → Simplified pass, ~2M characters a second), and each text is independent.
// The other thread tokenizes the second half of the texts with its own interner; its terms are
// merged by name, so the corpus is exactly the one-thread corpus (vocabulary, weights, order).
import { availableParallelism } from 'node:os';
import { startBlockingWorker } from '../../workers/blocking-worker.ts';
import { segmentPlain } from '../text-pipeline.ts';
import { TermInterner } from './features.ts';
import {
  buildCorpusFromTexts,
  corpusFromIds,
  type Corpus,
  type Vocabulary,
  type VocabularyOptions,
} from './vectorize.ts';

/** One half's features, packed into typed arrays for a cheap transfer between threads. */
export interface PackedFeatures {
  names: string[];
  df: Int32Array;
  /** sentences per text */
  sentences: Int32Array;
  /** terms per sentence */
  lengths: Int32Array;
  ids: Int32Array;
}

/** Below this many texts a second thread (its start-up loads the dictionaries) is not worth it. */
const MIN_PARALLEL = 4000;
/** A worker that has not answered by then is given up on: this thread does its half too. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

export function packFeatures(texts: readonly string[]): PackedFeatures {
  const interner = new TermInterner();
  const docs = texts.map((text, i) => interner.sentences(text, i));
  let sentenceCount = 0;
  let idCount = 0;
  for (const doc of docs) {
    sentenceCount += doc.length;
    for (const s of doc) idCount += s.length;
  }
  const sentences = new Int32Array(docs.length);
  const lengths = new Int32Array(sentenceCount);
  const ids = new Int32Array(idCount);
  let si = 0;
  let ii = 0;
  docs.forEach((doc, d) => {
    sentences[d] = doc.length;
    for (const s of doc) {
      lengths[si++] = s.length;
      ids.set(s, ii);
      ii += s.length;
    }
  });
  return { names: interner.names, df: Int32Array.from(interner.df), sentences, lengths, ids };
}

function unpack(packed: PackedFeatures, remap: Int32Array): Int32Array[][] {
  const out: Int32Array[][] = [];
  let si = 0;
  let ii = 0;
  for (let d = 0; d < packed.sentences.length; d++) {
    const doc: Int32Array[] = [];
    for (let k = 0; k < packed.sentences[d]!; k++) {
      const length = packed.lengths[si++]!;
      const s = new Int32Array(length);
      for (let p = 0; p < length; p++) s[p] = remap[packed.ids[ii++]!]!;
      doc.push(s);
    }
    out.push(doc);
  }
  return out;
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
  const ids = texts.slice(0, half).map((text, i) => interner.sentences(text, i));
  const packed = worker.wait(WORKER_TIMEOUT_MS) ?? packFeatures(texts.slice(half));
  ids.push(...unpack(packed, interner.merge(packed.names, packed.df)));
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
