// A long-lived worker thread that answers requests, for CPU work done all the time in small
// batches (the sensemaking queue), where starting a worker per call (run-in-worker.ts) would
// cost more than the work. One worker per entry module per process, started on first use and
// unref'd, so it never keeps the process alive; several apps in one process (tests) share it.
import { Worker } from 'node:worker_threads';
import { tsxBootstrap } from './run-in-worker.ts';

type Waiting = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class ServiceWorker<In, Out> {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  constructor(private readonly entry: URL) {}

  call(input: In): Promise<Out> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<Out>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, input });
    });
  }

  /** Start the worker now, so the first call does not wait for it to load its modules. */
  warm(): void {
    this.started();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(tsxBootstrap, { eval: true, workerData: { entry: this.entry.href } });
    worker.unref();
    worker.on('message', (message: { id: number; ok: boolean; value: unknown }) => {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      this.waiting.delete(message.id);
      // Only a worker with calls outstanding may hold the process open.
      if (this.waiting.size === 0) worker.unref();
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(String(message.value)));
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const waiting of this.waiting.values()) waiting.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`worker ${this.entry.pathname} exited with ${code}`)),
    );
    this.worker = worker;
    return worker;
  }
}

/** The worker side: answers each request with `handle`'s result (or its error). */
export function serveRequests<In, Out>(
  port: {
    on(event: 'message', listener: (m: { id: number; input: In }) => void): void;
    postMessage(m: unknown): void;
  },
  handle: (input: In) => Out,
): void {
  port.on('message', ({ id, input }) => {
    try {
      port.postMessage({ id, ok: true, value: handle(input) });
    } catch (error) {
      port.postMessage({ id, ok: false, value: String((error as Error)?.stack ?? error) });
    }
  });
}
