// Worker-thread entry for embedInParallel: the vectors of its share of the documents.
import { answerBlocking, blockingInput } from '../../workers/blocking-worker.ts';
import { embedDocuments, type TermSpace } from './embedding.ts';
import type { SparseRows } from './vectorize.ts';

answerBlocking(() => {
  const { x, space } = blockingInput<{ x: SparseRows; space: TermSpace }>();
  const value = embedDocuments(x, space);
  return { value, transfer: [value.buffer as ArrayBuffer] };
});
