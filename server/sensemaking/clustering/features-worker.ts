// Worker-thread entry for buildCorpusInParallel: the features of its share of the texts.
import { answerBlocking, blockingInput } from '../../workers/blocking-worker.ts';
import { packFeatures } from './parallel-features.ts';

answerBlocking(() => {
  const packed = packFeatures(blockingInput<{ texts: string[] }>().texts);
  return {
    value: packed,
    transfer: [packed.df, packed.sentences, packed.lengths, packed.ids].map(
      (a) => a.buffer as ArrayBuffer, // freshly allocated, never shared
    ),
  };
});
