// Worker-thread entry for parallel-features.ts: the features of the chunks of texts it takes, or
// their reading-mode words (for the labels).
import { answerBlocking, blockingInput } from '../../workers/blocking-worker.ts';
import { segmentPlain } from '../text-pipeline.ts';
import { takeChunks, type Dealing, type Share } from './deal-chunks.ts';
import { TermInterner } from './features.ts';
import { chunkOf, type PackedShare } from './parallel-features.ts';

answerBlocking<PackedShare | Share<string[][]>>(() => {
  const input = blockingInput<
    Dealing & { kind: 'features' | 'plain-words'; texts: string[]; chunkSize: number }
  >();
  const { kind, texts, chunkSize } = input;
  if (kind === 'plain-words') {
    return { value: takeChunks(input, (c) => chunkOf(texts, chunkSize, c).map(segmentPlain)) };
  }
  const interner = new TermInterner();
  const share = takeChunks(input, (c) =>
    interner.pack(chunkOf(texts, chunkSize, c), c * chunkSize),
  );
  const df = Int32Array.from(interner.df);
  return {
    value: { ...share, names: interner.names, df },
    transfer: [df, ...share.parts.flatMap((p) => [p.sentences, p.lengths, p.ids])].map(
      (a) => a.buffer as ArrayBuffer, // freshly allocated, never shared
    ),
  };
});
