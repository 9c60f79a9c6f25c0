// The vocabulary's terms: the most frequent candidates, ties by the term itself. At 100k documents
// there are ~300,000 candidates for 20,000 places, and sorting them all with a comparator on
// strings took ~0.4 s: only those at or above the cut-off document frequency are sorted.

/**
 * The first `max` of `candidates` (term ids) by document frequency descending, then name
 * ascending — exactly the head of the full sort, so the vocabulary is deterministic.
 */
export function topTerms(
  candidates: readonly number[],
  df: ArrayLike<number>,
  names: readonly string[],
  max: number,
): number[] {
  let kept = [...candidates];
  if (kept.length > max) {
    let top = 0;
    for (const id of kept) top = Math.max(top, df[id]!);
    const count = new Int32Array(top + 1);
    for (const id of kept) count[df[id]!]!++;
    // the highest df `cut` with at least `max` candidates at or above it (there are more than max)
    let cut = top;
    for (let atLeast = count[top]!; atLeast < max;) atLeast += count[--cut]!;
    kept = kept.filter((id) => df[id]! >= cut);
  }
  kept.sort((a, b) => df[b]! - df[a]! || (names[a]! < names[b]! ? -1 : 1));
  kept.length = Math.min(kept.length, max);
  return kept;
}
