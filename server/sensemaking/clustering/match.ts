// Cluster identity across re-runs: a new cluster inherits the key of the old cluster it shares
// most members with, one-to-one, so the links, replies and editor decisions attached to a key
// survive a full re-clustering.

export interface MemberList {
  key: string;
  members: readonly string[];
}

export interface MatchOptions {
  /**
   * Least Jaccard overlap (over documents present in both runs) for a new cluster to inherit an
   * old key (default 0.3). A cluster split in two halves still passes on its key to one half (0.5);
   * below about a third the topic has changed enough that a new identity is more honest than a
   * silently repurposed one.
   */
  minJaccard?: number;
}

/**
 * Assignment problem: the row → column matching of least total cost (Kuhn–Munkres with
 * potentials, O(rows² · cols)); requires rows ≤ cols. Returns the column of each row.
 */
export function hungarian(cost: number[][], rows: number, cols: number): number[] {
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const p = new Int32Array(cols + 1); // p[j]: row matched to column j (1-based, 0 = none)
  const way = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(cols + 1).fill(INF);
    const used = new Uint8Array(cols + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  const match = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (p[j]! > 0) match[p[j]! - 1] = j - 1;
  return match;
}

/**
 * Which old cluster each new cluster continues: a one-to-one matching that maximises the total
 * Jaccard overlap of member sets, computed over the documents present in both runs (documents added
 * or removed since cannot count against an identity). Pairs below `minJaccard` stay unmatched.
 */
export function matchClusters(
  oldClusters: readonly MemberList[],
  newClusters: readonly MemberList[],
  options: MatchOptions = {},
): Map<string, string> {
  const minJaccard = options.minJaccard ?? 0.3;
  const result = new Map<string, string>();
  if (!oldClusters.length || !newClusters.length) return result;
  const oldOf = new Map<string, number>();
  oldClusters.forEach((c, i) => c.members.forEach((m) => oldOf.set(m, i)));
  const inNew = new Set<string>();
  newClusters.forEach((c) => c.members.forEach((m) => inNew.add(m)));
  const oldSize = oldClusters.map((c) => c.members.filter((m) => inNew.has(m)).length);
  const newSize = newClusters.map((c) => c.members.filter((m) => oldOf.has(m)).length);
  const overlap = newClusters.map((c) => {
    const counts = new Map<number, number>();
    for (const m of c.members) {
      const o = oldOf.get(m);
      if (o !== undefined) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    return counts;
  });
  const jaccard = (ni: number, oi: number) => {
    const both = overlap[ni]!.get(oi) ?? 0;
    return both === 0 ? 0 : both / (newSize[ni]! + oldSize[oi]! - both);
  };
  // the Hungarian method wants rows ≤ columns: put the shorter side on the rows
  const newOnRows = newClusters.length <= oldClusters.length;
  const rows = newOnRows ? newClusters.length : oldClusters.length;
  const cols = newOnRows ? oldClusters.length : newClusters.length;
  const cost: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < cols; c++) row.push(-(newOnRows ? jaccard(r, c) : jaccard(c, r)));
    cost.push(row);
  }
  hungarian(cost, rows, cols).forEach((c, r) => {
    if (c < 0) return;
    const [ni, oi] = newOnRows ? [r, c] : [c, r];
    if (jaccard(ni, oi) >= minJaccard) result.set(newClusters[ni]!.key, oldClusters[oi]!.key);
  });
  return result;
}
