// Worker-thread entry for the full clustering run (topic-clusters.ts `runClustering`): at 100k
// submissions it takes over a minute of CPU, which must not stop the server answering requests.
// Input and output cross the thread boundary as plain data; the model travels serialised.
import { parentPort, workerData } from 'node:worker_threads';
import { newId } from '../../ids.ts';
import { clusterAll, parseModel, serializeModel } from './index.ts';

export type ClusterRunInput = {
  docs: { id: string; text: string }[];
  previous: { key: string; members: string[] }[];
  locked: { key: string; members: string[] }[];
  pinned: [string, string][];
  representatives: [string, string][];
  labels: [string, string[]][];
  model: string | null;
  /** The app clock's time, for the keys of new clusters. */
  now: number;
};

export type ClusterRunOutput = {
  clusters: {
    key: string;
    label: string[];
    representative: string;
    members: string[];
    locked: boolean;
  }[];
  unassigned: number;
  model: string;
  ms: Record<'features' | 'vectors' | 'kmeans' | 'labels' | 'total', number>;
};

const input = (workerData as { input: ClusterRunInput }).input;
const result = clusterAll(input.docs, {
  previous: input.previous,
  locked: input.locked,
  pinned: new Map(input.pinned),
  representatives: new Map(input.representatives),
  labels: new Map(input.labels),
  newKey: () => newId('clu', input.now),
  // Reusing the last model's vocabulary keeps earlier documents' vectors: clusters stay put.
  model: input.model ? parseModel(input.model) : undefined,
});
const output: ClusterRunOutput = {
  clusters: result.clusters.map((c) => ({
    key: c.key,
    label: c.label,
    representative: c.representative,
    members: c.members,
    locked: c.locked,
  })),
  unassigned: result.unassigned.length,
  model: serializeModel(result.model),
  ms: result.stats.ms,
};
parentPort!.postMessage(output);
