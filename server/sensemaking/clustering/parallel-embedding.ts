// The vector stage of a large corpus on two threads, with exactly the one-thread results:
//  - the two views of the term space are independent: the co-occurrence view (PPMI + SVD) is
//    learned on the other thread while this one computes the LSA view;
//  - document vectors (at 100k documents ~350 terms × 100 dimensions each, the largest arithmetic
//    of a full run after k-means) are independent rows: the other thread embeds the second half.
import { availableParallelism } from 'node:os';
import { startBlockingWorker } from '../../workers/blocking-worker.ts';
import {
  embedDocuments,
  joinViews,
  learnTermSpace,
  lsaView,
  termVectors,
  type EmbeddingOptions,
  type TermSpace,
} from './embedding.ts';
import { selectRowRange, type SparseRows } from './vectorize.ts';

const MIN_PARALLEL = 20_000;
const WORKER_TIMEOUT_MS = 10 * 60_000;

export function embedInParallel(
  x: SparseRows,
  space: TermSpace,
  minRows = MIN_PARALLEL,
): Float32Array {
  if (x.rows < minRows || availableParallelism() < 2) return embedDocuments(x, space);
  const width = space.lsaDims + space.ppmiDims;
  const half = Math.ceil(x.rows / 2);
  const worker = startBlockingWorker<Float32Array>(
    new URL('./embedding-worker.ts', import.meta.url),
    {
      kind: 'documents',
      x: selectRowRange(x, half, x.rows),
      space,
    },
  );
  const out = new Float32Array(x.rows * width);
  out.set(embedDocuments(selectRowRange(x, 0, half), space));
  const rest =
    worker.wait(WORKER_TIMEOUT_MS) ?? embedDocuments(selectRowRange(x, half, x.rows), space);
  out.set(rest, half * width);
  return out;
}

/** Contexts with at least this many terms in all are worth a second thread. */
const MIN_PARALLEL_TERMS = 2_000_000;

/** `learnTermSpace`, the co-occurrence view learned on another thread. */
export function learnTermSpaceInParallel(
  sample: SparseRows,
  contexts: Int32Array[],
  options: EmbeddingOptions = {},
  minTerms = MIN_PARALLEL_TERMS,
): TermSpace {
  let total = 0;
  for (const c of contexts) total += c.length;
  if (total < minTerms || availableParallelism() < 2) {
    return learnTermSpace(sample, contexts, options);
  }
  const lengths = Int32Array.from(contexts, (c) => c.length);
  const ids = new Int32Array(total);
  let at = 0;
  for (const c of contexts) {
    ids.set(c, at);
    at += c.length;
  }
  const worker = startBlockingWorker<{ vectors: Float32Array; dims: number }>(
    new URL('./embedding-worker.ts', import.meta.url),
    { kind: 'co-occurrence', lengths, ids, terms: sample.cols, options },
  );
  const lsa = lsaView(sample, options);
  const co = worker.wait(WORKER_TIMEOUT_MS) ?? termVectors(contexts, sample.cols, options);
  return joinViews(sample.cols, lsa, co, options);
}
