import { describe, expect, it } from 'vitest';
import { topTerms } from '../../../server/sensemaking/clustering/top-terms.ts';

describe('the vocabulary’s terms', () => {
  it('are exactly the head of sorting every candidate, ties at the cut-off by name', () => {
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = Array.from({ length: 3000 }, (_, i) => `t${Math.floor(random() * 1e6)}_${i}`);
    const df = names.map(() => 1 + Math.floor(random() ** 3 * 50)); // many ties at low df
    const candidates = names.map((_, i) => i).filter((i) => df[i]! >= 2);
    const all = [...candidates].sort((a, b) => df[b]! - df[a]! || (names[a]! < names[b]! ? -1 : 1));
    for (const max of [0, 1, 37, 500, 1999, candidates.length, candidates.length + 5]) {
      expect(topTerms(candidates, df, names, max)).toEqual(all.slice(0, max));
    }
  });
});
