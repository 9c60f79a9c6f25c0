// The CPU-heavy, stateless half of sensemaking: what can be computed from a submission's public
// text alone, without any campaign's model. Runs in the worker thread (features-worker.ts), so
// the event loop that answers requests never pays for normalisation, hashing or segmentation.
import { NearDuplicateIndex } from '../dedup/index.ts';
import { submissionSearchWords } from '../../search/search-words.ts';

export type FeatureRequest = {
  seq: number;
  task: 'arrived' | 'published';
  /** Masked (public) title and body: the only text sensemaking ever looks at. */
  title: string;
  body: string;
};

export type Features = {
  seq: number;
  /** Near-duplicate signature (arrived). */
  signature?: string;
  /** Search words of title (twice, for weight) and body, space-separated (published). */
  words?: string;
};

// Signatures depend only on the index's default parameters, the same in every campaign.
let signer: NearDuplicateIndex | undefined;

export function computeFeatures(requests: FeatureRequest[]): Features[] {
  signer ??= new NearDuplicateIndex();
  return requests.map((r) =>
    r.task === 'arrived'
      ? { seq: r.seq, signature: signer!.signature(`${r.title}\n${r.body}`) }
      : { seq: r.seq, words: submissionSearchWords(r.title, r.body) },
  );
}
