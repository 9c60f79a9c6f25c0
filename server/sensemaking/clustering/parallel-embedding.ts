// Document vectors of a large corpus on two threads: at 100k documents embedding is ~350 terms ×
// 100 dimensions per document, the largest arithmetic of a full run after k-means. Rows are
// independent, so the other thread embeds the second half; the vectors are exactly the same.
import { availableParallelism } from 'node:os';
import { startBlockingWorker } from '../../workers/blocking-worker.ts';
import { embedDocuments, type TermSpace } from './embedding.ts';
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
