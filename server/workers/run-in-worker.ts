// CPU-heavy work (matching a policy document, training the routing classifier) runs in a worker
// thread so the server keeps answering requests meanwhile. A worker starts without the parent's
// TypeScript loader, so it registers tsx's (a dependency) and then loads the entry module, whether
// the server runs under tsx or the tests under Vitest. The entry posts one message: the result.
import { Worker } from 'node:worker_threads';

/** Registers tsx's loader in a new worker, then loads `workerData.entry` (used by every worker). */
export const tsxBootstrap = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

export function runInWorker<T>(entry: URL, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(tsxBootstrap, {
      eval: true,
      workerData: { input, entry: entry.href },
    });
    worker.once('message', (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker ${entry.pathname} exited with ${code}`));
    });
  });
}
