// Worker-thread entry for the sensemaking queue (see features.ts).
import { parentPort } from 'node:worker_threads';
import { serveRequests } from '../../workers/service-worker.ts';
import { computeFeatures } from './features.ts';

// Load the dictionaries and converters now (about a second), not when the first submission waits.
computeFeatures([
  { seq: 0, task: 'arrived', title: '預熱', body: '加载分词词典和繁简转换' },
  { seq: 1, task: 'published', title: '预热', body: '加载分词词典和繁简转换' },
]);
serveRequests(parentPort!, computeFeatures);
