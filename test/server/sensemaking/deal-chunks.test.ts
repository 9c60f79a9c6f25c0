import { describe, expect, it } from 'vitest';
import { inChunkOrder, takeChunks } from '../../../server/sensemaking/clustering/deal-chunks.ts';

const dealing = (count: number, taken = 0) => {
  const next = new Int32Array(new SharedArrayBuffer(4));
  next[0] = taken;
  return { next, count };
};

describe('chunks dealt out', () => {
  it('are each taken once, the rest after those another thread took', () => {
    const d = dealing(5, 2); // chunks 0 and 1 already taken
    const share = takeChunks(d, (c) => c * 10);
    expect(share).toEqual({ chunks: [2, 3, 4], parts: [20, 30, 40] });
    expect(takeChunks(d, (c) => c)).toEqual({ chunks: [], parts: [] });
  });

  it('come back in chunk order, a failed worker’s chunks done here', () => {
    const mine = { chunks: [0, 3], parts: ['a', 'd'] };
    const theirs = { chunks: [1], parts: ['b'] };
    expect(inChunkOrder(5, [mine, theirs], (c) => `${c}`)).toEqual(['a', 'b', '2', 'd', '4']);
    expect(inChunkOrder(5, [mine, null], (c) => `${c}`)).toEqual(['a', '1', '2', 'd', '4']);
  });
});
