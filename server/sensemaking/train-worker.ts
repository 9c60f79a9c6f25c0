// Worker-thread entry for trainCampaignClassifier(): training takes seconds of CPU.
import { parentPort, workerData } from 'node:worker_threads';
import { retrainRoutingModel, type ReviewerCorrection } from './classifier/index.ts';

const { history, corrections } = (
  workerData as {
    input: { history: { text: string; label: string }[]; corrections: ReviewerCorrection[] };
  }
).input;
const { serialized, summary } = retrainRoutingModel(history, corrections);
parentPort!.postMessage({ serialized, summary });
