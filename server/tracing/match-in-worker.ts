import { Worker } from 'node:worker_threads';
import type { Clause } from '../adoption/clauses.ts';
import type { Candidates, MatchOptions, Suggestion } from '../adoption/match.ts';

const ENTRY = new URL('./match-worker.ts', import.meta.url).href;
// A worker starts without the parent's TypeScript loader: register tsx's, then load the entry.
const bootstrap = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * matchCandidates() in a worker thread. The worker loads TypeScript through tsx (a dependency),
 * whether the server runs under tsx or the tests under Vitest.
 */
export function matchInWorker(
  clauses: Clause[],
  suggestions: Suggestion[],
  options: MatchOptions,
): Promise<Omit<Candidates, 'idf'>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { clauses, suggestions, options, entry: ENTRY },
    });
    worker.once('message', (result: Omit<Candidates, 'idf'>) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`matching worker exited with ${code}`));
    });
  });
}
