// A second core for synchronous code: the caller starts a worker, does its own share of the work,
// then blocks (Atomics.wait) until the worker's answer is there and reads it with
// receiveMessageOnPort — no event-loop turn needed, so a synchronous job (the clustering run, which
// must see the database as it was when it read it) can still split its work over two threads.
// Entry modules answer with `answerBlocking`. Same tsx bootstrap as run-in-worker.ts.
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
  type Transferable,
} from 'node:worker_threads';
import { tsxBootstrap } from './run-in-worker.ts';

type Envelope<T> = { ok: true; value: T } | { ok: false; error: string };

export interface BlockingWorker<T> {
  /** Blocks until the answer (or `timeoutMs`); null when the worker failed or took too long. */
  wait(timeoutMs: number): T | null;
}

export function startBlockingWorker<T>(entry: URL, input: unknown): BlockingWorker<T> {
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(tsxBootstrap, {
    eval: true,
    workerData: { input, entry: entry.href, port: port2, done },
    transferList: [port2],
  });
  // A worker that dies before answering must not keep the process alive or go unnoticed.
  worker.on('error', () => {});
  worker.unref();
  return {
    wait(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Atomics.load(done, 0) === 0) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        Atomics.wait(done, 0, 0, Math.min(left, 1000));
      }
      const message = receiveMessageOnPort(port1)?.message as Envelope<T> | undefined;
      void worker.terminate();
      port1.close();
      return message?.ok ? message.value : null;
    },
  };
}

/** In a worker started by startBlockingWorker: its input. */
export function blockingInput<I>(): I {
  return (workerData as { input: I }).input;
}

/** In a worker started by startBlockingWorker: computes the answer, posts it and wakes the caller. */
export function answerBlocking<T>(compute: () => { value: T; transfer?: Transferable[] }): void {
  const { port, done } = workerData as { port: MessagePort; done: Int32Array };
  let envelope: Envelope<T>;
  let transfer: Transferable[] = [];
  try {
    const answer = compute();
    envelope = { ok: true, value: answer.value };
    transfer = answer.transfer ?? [];
  } catch (error) {
    envelope = { ok: false, error: String((error as Error)?.stack ?? error) };
  }
  port.postMessage(envelope, transfer);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
