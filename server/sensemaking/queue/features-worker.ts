// Worker-thread entry for the sensemaking queue (see features.ts).
import { parentPort } from 'node:worker_threads';
import { serveRequests } from '../../workers/service-worker.ts';
import { computeFeatures } from './features.ts';

serveRequests(parentPort!, computeFeatures);
