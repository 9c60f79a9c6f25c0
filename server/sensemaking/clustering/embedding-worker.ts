// Worker-thread entry for parallel-embedding.ts: document vectors of a share of the documents, or
// the co-occurrence view of the term space.
import { answerBlocking, blockingInput } from '../../workers/blocking-worker.ts';
import { embedDocuments, termVectors, type EmbeddingOptions, type TermSpace } from './embedding.ts';
import type { SparseRows } from './vectorize.ts';

type Input =
  | { kind: 'documents'; x: SparseRows; space: TermSpace }
  | {
      kind: 'co-occurrence';
      lengths: Int32Array;
      ids: Int32Array;
      terms: number;
      options: EmbeddingOptions;
    };

answerBlocking<Float32Array | { vectors: Float32Array; dims: number }>(() => {
  const input = blockingInput<Input>();
  if (input.kind === 'documents') {
    const value = embedDocuments(input.x, input.space);
    return { value, transfer: [value.buffer as ArrayBuffer] };
  }
  const contexts: Int32Array[] = [];
  let at = 0;
  for (const length of input.lengths) {
    contexts.push(input.ids.subarray(at, at + length));
    at += length;
  }
  const value = termVectors(contexts, input.terms, input.options);
  return { value, transfer: [value.vectors.buffer as ArrayBuffer] };
});
