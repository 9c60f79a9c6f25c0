// Work dealt out to this thread and one worker chunk by chunk: each takes the next chunk from a
// shared counter when it has finished one. Splitting by halves left this thread idle while the
// worker, which starts later (it loads the dictionaries first), finished its half; dealt out, the
// threads finish at most one chunk apart.
import { startBlockingWorker } from '../../workers/blocking-worker.ts';

/** The chunks one thread did (their numbers, ascending) and what each gave. */
export interface Share<P> {
  chunks: number[];
  parts: P[];
}

/** What a worker started by `dealChunks` finds in its input besides the caller's fields. */
export interface Dealing {
  /** the shared counter of the next chunk to take */
  next: Int32Array;
  count: number;
}

/** Does the chunks it takes from the shared counter until none are left. */
export function takeChunks<P>({ next, count }: Dealing, work: (chunk: number) => P): Share<P> {
  const share: Share<P> = { chunks: [], parts: [] };
  for (let c = Atomics.add(next, 0, 1); c < count; c = Atomics.add(next, 0, 1)) {
    share.chunks.push(c);
    share.parts.push(work(c));
  }
  return share;
}

/**
 * Chunks 0 … count - 1, dealt to this thread (`work`) and a worker (`entry`, which gets `input`
 * and the dealing, and answers with its share). `theirs` is null when the worker failed or took
 * too long: the chunks it took are then in neither share, and the caller must do them itself.
 */
export function dealChunks<P, A extends Share<unknown>>(
  entry: URL,
  input: object,
  count: number,
  work: (chunk: number) => P,
  timeoutMs: number,
): { mine: Share<P>; theirs: A | null } {
  const dealing: Dealing = { next: new Int32Array(new SharedArrayBuffer(4)), count };
  const worker = startBlockingWorker<A>(entry, { ...input, ...dealing });
  const mine = takeChunks(dealing, work);
  return { mine, theirs: worker.wait(timeoutMs) };
}

/** Each chunk's part in chunk order, those neither share holds done here by `work`. */
export function inChunkOrder<P>(
  count: number,
  shares: readonly (Share<P> | null)[],
  work: (chunk: number) => P,
): P[] {
  const parts = new Array<P | undefined>(count);
  for (const share of shares) share?.chunks.forEach((c, i) => (parts[c] = share.parts[i]));
  return Array.from(parts, (part, c) => part ?? work(c));
}
