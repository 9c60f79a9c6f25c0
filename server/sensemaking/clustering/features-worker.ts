// Worker-thread entry for parallel-features.ts: the features of its share of the texts, or their
// reading-mode words (for the labels).
import { answerBlocking, blockingInput } from '../../workers/blocking-worker.ts';
import { segmentPlain } from '../text-pipeline.ts';
import { packFeatures, type PackedFeatures } from './parallel-features.ts';

answerBlocking<PackedFeatures | string[][]>(() => {
  const { kind, texts } = blockingInput<{ kind: 'features' | 'plain-words'; texts: string[] }>();
  if (kind === 'plain-words') return { value: texts.map(segmentPlain) };
  const packed = packFeatures(texts);
  return {
    value: packed,
    transfer: [packed.df, packed.sentences, packed.lengths, packed.ids].map(
      (a) => a.buffer as ArrayBuffer, // freshly allocated, never shared
    ),
  };
});
