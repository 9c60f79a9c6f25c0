// Near-duplicates and form letters: many people sending (almost) the same text are one voice with
// a weight of N. An incremental index over submissions:
//   - texts with the same core text (see shingles.ts) form an exact class, stored once;
//   - classes whose core texts have a 3-gram Jaccard index ≥ threshold are near-duplicates, found
//     with MinHash + LSH (16 bands × 4 rows) and then checked exactly on the stored shingle sets;
//   - groups are the connected components of "same class or near-duplicate", built with a
//     union-find that refuses any union joining two items a moderator has split apart.
// A group's key is the id of its oldest member (oldest = added first), so it is stable while the
// group grows. Add items in chronological order, also when rebuilding from the database.
//
// Why MinHash and not SimHash: the question we answer is "Jaccard ≥ 0.8 on shingle sets", which
// MinHash estimates without bias and LSH banding turns into a tunable candidate filter; SimHash
// approximates cosine similarity of weighted features and its Hamming-ball search needs several
// permuted tables to reach the same recall. Candidates are always verified exactly.
import { bandKeys, exactKey, minHash, seededUint32s } from './hash.ts';
import { LshTable } from './lsh-table.ts';
import {
  MIN_FUZZY_LENGTH,
  SHINGLE_SIZE,
  codePoints,
  coreText,
  jaccard,
  shingleSet,
} from './shingles.ts';
import { decodeSignature, encodeSignature } from './signature.ts';
import type { Fingerprint, SignatureParams } from './signature.ts';

export { coreText, jaccard, MIN_FUZZY_LENGTH, SHINGLE_SIZE } from './shingles.ts';
export { SIGNATURE_VERSION } from './signature.ts';
export type { Fingerprint } from './signature.ts';

/**
 * Default grouping threshold on the 3-gram Jaccard index. One changed character changes at most
 * 3 shingles, so J ≥ 0.8 allows about one edited character in 27 (J = (n − 3e)/(n + 3e)), i.e.
 * "a few characters" in a message of a few hundred; rewrites that keep less than that are
 * different messages on the same subject, which is the clustering's job, not dedup's.
 */
export const DEFAULT_THRESHOLD = 0.8;

export type DedupOptions = {
  /** Jaccard index at or above which two texts are near-duplicates (default 0.8). */
  threshold?: number;
  /** LSH bands (default 16) and rows per band (default 4): P(candidate | J) = 1 − (1 − Jʳ)ᵇ. */
  bands?: number;
  rows?: number;
  /** A bucket keeps at most this many classes (default 512). */
  maxBucket?: number;
  /** At most this many candidate classes are verified per query, most shared bands first. */
  maxVerify?: number;
};

export type Match = { id: string; similarity: number };

/** Result of `add`: the signature to store with the submission and its group key. */
export type Added = { signature: string; group: string };

const MINHASH_SEED = 0x6a09e667;

export class NearDuplicateIndex {
  readonly threshold: number;
  private readonly params: SignatureParams;
  private readonly seeds: Uint32Array;
  private readonly mins: Uint32Array;
  private readonly maxVerify: number;
  private readonly lsh: LshTable;

  // Items (submissions), by slot.
  private readonly slotOf = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly seq: number[] = [];
  private readonly classOf: number[] = [];
  private readonly freeSlots: number[] = [];
  private nextSeq = 0;

  // Union-find over slots; at a root: its members (slots) and the slots among them with forbids.
  private readonly parent: number[] = [];
  private readonly members: (number[] | undefined)[] = [];
  private readonly oldest: number[] = [];
  private readonly forbidSlots: (number[] | undefined)[] = [];

  // Exact classes, by class number.
  private readonly classByKey = new Map<number, number>();
  private readonly clsFp: (Fingerprint | undefined)[] = [];
  private readonly clsMembers: (number[] | undefined)[] = [];
  /** How many members of the class carry a "never group with" constraint. */
  private readonly clsForbidCount: number[] = [];
  private readonly freeClasses: number[] = [];

  // "Never group with", by id (kept when an item is removed: an edited text is re-added).
  private readonly forbidden = new Map<string, Set<string>>();

  // Scratch space for candidate counting.
  private hits = new Int32Array(1024);
  private stamp = new Int32Array(1024);
  private gen = 0;

  constructor(options: DedupOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const bands = options.bands ?? 16;
    const rows = options.rows ?? 4;
    if (!(this.threshold > 0 && this.threshold <= 1))
      throw new Error('threshold must be in (0, 1]');
    if (bands < 1 || bands > 255 || rows < 1 || rows > 255) throw new Error('bad LSH parameters');
    this.params = { bands, rows, shingleSize: SHINGLE_SIZE };
    this.seeds = seededUint32s(bands * rows, MINHASH_SEED);
    this.mins = new Uint32Array(bands * rows);
    this.maxVerify = options.maxVerify ?? 256;
    this.lsh = new LshTable(bands, options.maxBucket ?? 512);
  }

  // ---------------------------------------------------------------- fingerprints and signatures

  /** Everything the index needs about a text (normalisation and hashing happen here only). */
  fingerprint(text: string): Fingerprint {
    const cps = codePoints(coreText(text));
    const key = exactKey(cps);
    if (cps.length < MIN_FUZZY_LENGTH) {
      return { key, length: cps.length, bands: null, set: new Uint16Array(0) };
    }
    const set = shingleSet(cps);
    minHash(set, this.seeds, this.mins);
    const bands = bandKeys(
      this.mins,
      this.params.bands,
      this.params.rows,
      new Uint32Array(this.params.bands),
    );
    return { key, length: cps.length, bands, set };
  }

  /** A compact, storable signature: base64 of ≈ 80 + 2 × (core length) bytes (the set dominates). */
  signature(text: string): string {
    return encodeSignature(this.fingerprint(text), this.params);
  }

  // ---------------------------------------------------------------- adding and removing

  /** Adds a submission; returns its signature (store it) and its group key. */
  add(id: string, text: string): Added {
    const fp = this.fingerprint(text);
    this.addFingerprint(id, fp);
    return { signature: encodeSignature(fp, this.params), group: this.groupOf(id) ?? id };
  }

  /** Makes room for this many submissions (a rebuild from the database, whose size is known). */
  reserve(items: number): void {
    this.lsh.reserve(items);
  }

  /** Adds a submission from a stored signature (start-up rebuild: no text processing). */
  addSignature(id: string, signature: string): string {
    this.addFingerprint(id, decodeSignature(signature, this.params));
    return this.groupOf(id) ?? id;
  }

  /**
   * Start-up rebuild when each item's group is already known (stored by earlier runs): the item
   * joins its exact class and the LSH buckets and is united with its group's other members,
   * without searching for near-duplicates, which is most of the cost of `addSignature`. The
   * groups come out as stored. `groupKey` null: the item was alone.
   */
  addKnown(id: string, signature: string, groupKey: string | null): void {
    this.addFingerprint(id, decodeSignature(signature, this.params), { groupKey });
  }

  /** Items whose stored group key was not yet in the index when they were added, by that key. */
  private readonly waitingFor = new Map<string, number[]>();

  private joinKnownGroup(id: string, slot: number, groupKey: string | null) {
    for (const waiting of this.waitingFor.get(id) ?? []) this.union(slot, waiting);
    this.waitingFor.delete(id);
    if (!groupKey || groupKey === id) return;
    const keySlot = this.slotOf.get(groupKey);
    if (keySlot !== undefined) this.union(slot, keySlot);
    else {
      let list = this.waitingFor.get(groupKey);
      if (!list) this.waitingFor.set(groupKey, (list = []));
      list.push(slot);
    }
  }

  private addFingerprint(id: string, fp: Fingerprint, known?: { groupKey: string | null }) {
    if (this.slotOf.has(id)) throw new Error(`dedup: ${id} is already in the index`);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    this.slotOf.set(id, slot);
    this.ids[slot] = id;
    this.seq[slot] = this.nextSeq++;
    this.parent[slot] = slot;
    this.members[slot] = [slot];
    this.oldest[slot] = slot;
    const hasForbids = (this.forbidden.get(id)?.size ?? 0) > 0;
    this.forbidSlots[slot] = hasForbids ? [slot] : undefined;

    let cls = this.classByKey.get(fp.key);
    const isNewClass = cls === undefined;
    if (cls === undefined) {
      cls = this.freeClasses.pop() ?? this.clsFp.length;
      this.classByKey.set(fp.key, cls);
      this.clsFp[cls] = fp;
      this.clsMembers[cls] = [];
      this.clsForbidCount[cls] = 0;
    }
    this.classOf[slot] = cls;
    this.clsMembers[cls]?.push(slot);
    if (hasForbids) this.clsForbidCount[cls] = (this.clsForbidCount[cls] ?? 0) + 1;

    const c = cls;
    if (known) this.joinKnownGroup(id, slot, known.groupKey);
    else
      this.link(
        slot,
        (s) => s !== slot,
        () => this.neighbours(c),
      );
    // Into the buckets only after the query, so a class never finds itself.
    if (isNewClass && fp.bands) this.lsh.insert(cls, fp.bands);
  }

  /** Removes a submission; the rest of its group is regrouped without it. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const group = this.groupSlots(slot).filter((s) => s !== slot);
    const cls = this.classOf[slot] ?? -1;
    const clsMembers = this.clsMembers[cls] ?? [];
    clsMembers.splice(clsMembers.indexOf(slot), 1);
    if ((this.forbidden.get(id)?.size ?? 0) > 0) {
      this.clsForbidCount[cls] = (this.clsForbidCount[cls] ?? 1) - 1;
    }
    if (clsMembers.length === 0) {
      const fp = this.clsFp[cls];
      if (fp?.bands) this.lsh.remove(cls, fp.bands);
      if (fp) this.classByKey.delete(fp.key);
      this.clsFp[cls] = undefined;
      this.clsMembers[cls] = undefined;
      this.freeClasses.push(cls);
    }
    this.slotOf.delete(id);
    this.members[slot] = undefined;
    this.forbidSlots[slot] = undefined;
    this.parent[slot] = slot;
    this.freeSlots.push(slot);
    this.regroup(group);
    return true;
  }

  // ---------------------------------------------------------------- moderators' splits

  /**
   * A moderator takes an item out of its group: it will never again be grouped with any item
   * that is in the group now (identical texts included). The rest of the group is regrouped
   * without it. Returns the "never group with" pairs: persist them and replay them with
   * `forbid` at start-up (before adding the items, which is cheapest).
   */
  split(id: string): [string, string][] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return [];
    const group = this.groupSlots(slot);
    const pairs: [string, string][] = [];
    for (const s of group) {
      if (s === slot) continue;
      const other = this.ids[s] ?? '';
      pairs.push([id, other]);
      this.addForbid(id, other);
    }
    this.regroup(group);
    return pairs;
  }

  /** Records that two items must never be in the same group (regrouping if they are now). */
  forbid(a: string, b: string) {
    if (a === b) return;
    this.addForbid(a, b);
    const sa = this.slotOf.get(a);
    const sb = this.slotOf.get(b);
    if (sa !== undefined && sb !== undefined && this.find(sa) === this.find(sb)) {
      this.regroup(this.groupSlots(sa));
    }
  }

  private addForbid(a: string, b: string) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let set = this.forbidden.get(x);
      if (!set) this.forbidden.set(x, (set = new Set()));
      if (set.size === 0) {
        const s = this.slotOf.get(x);
        if (s !== undefined) {
          const root = this.find(s);
          (this.forbidSlots[root] ??= []).push(s);
          const cls = this.classOf[s] ?? -1;
          this.clsForbidCount[cls] = (this.clsForbidCount[cls] ?? 0) + 1;
        }
      }
      set.add(y);
    }
  }

  // ---------------------------------------------------------------- queries

  /** Ids of the items whose texts are near-duplicates of `text`, most similar first. */
  query(text: string, threshold = this.threshold, limit = 100): Match[] {
    return this.matches(this.fingerprint(text), threshold, limit);
  }

  /** The same, from a stored signature. */
  querySignature(signature: string, threshold = this.threshold, limit = 100): Match[] {
    return this.matches(decodeSignature(signature, this.params), threshold, limit);
  }

  /**
   * LSH candidates before the exact check: one id (the oldest) per candidate class, most shared
   * bands first. Useful for diagnostics; `query` is what callers want.
   */
  candidates(text: string): string[] {
    const fp = this.fingerprint(text);
    const out: string[] = [];
    const same = this.classByKey.get(fp.key);
    const classes = same === undefined ? [] : [same];
    for (const c of this.candidateClasses(fp, -1, 0)) if (c !== same) classes.push(c);
    for (const c of classes) {
      const first = this.clsMembers[c]?.[0];
      if (first !== undefined) out.push(this.ids[first] ?? '');
    }
    return out;
  }

  private matches(fp: Fingerprint, threshold: number, limit: number): Match[] {
    const found: { cls: number; sim: number }[] = [];
    const same = this.classByKey.get(fp.key);
    if (same !== undefined) found.push({ cls: same, sim: 1 });
    if (fp.bands) {
      for (const c of this.candidateClasses(fp, same ?? -1, threshold)) {
        const other = this.clsFp[c];
        if (!other) continue;
        const sim = jaccard(fp.set, other.set);
        if (sim >= threshold) found.push({ cls: c, sim });
      }
    }
    found.sort((x, y) => y.sim - x.sim || this.classAge(x.cls) - this.classAge(y.cls));
    const out: Match[] = [];
    for (const { cls, sim } of found) {
      for (const s of this.clsMembers[cls] ?? []) {
        if (out.length >= limit) return out;
        out.push({ id: this.ids[s] ?? '', similarity: sim });
      }
    }
    return out;
  }

  /** Exact Jaccard index of the core texts of two items in the index (undefined if absent). */
  similarity(a: string, b: string): number | undefined {
    const sa = this.slotOf.get(a);
    const sb = this.slotOf.get(b);
    if (sa === undefined || sb === undefined) return undefined;
    const fa = this.clsFp[this.classOf[sa] ?? -1];
    const fb = this.clsFp[this.classOf[sb] ?? -1];
    if (!fa || !fb) return undefined;
    if (fa.key === fb.key) return 1;
    if (!fa.bands || !fb.bands) return 0;
    return jaccard(fa.set, fb.set);
  }

  // ---------------------------------------------------------------- groups

  /** The group key: the id of the group's oldest member (undefined if `id` is not indexed). */
  groupOf(id: string): string | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    return this.ids[this.oldest[this.find(slot)] ?? slot];
  }

  /** How many items are in the group: "N people sent this text". */
  groupSize(id: string): number {
    const slot = this.slotOf.get(id);
    return slot === undefined ? 0 : (this.members[this.find(slot)]?.length ?? 0);
  }

  /** The ids in the item's group, oldest first. */
  groupMembers(id: string): string[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return [];
    return this.groupSlots(slot)
      .sort((a, b) => (this.seq[a] ?? 0) - (this.seq[b] ?? 0))
      .map((s) => this.ids[s] ?? '');
  }

  /** Every group with more than `minSize` members: key → ids, oldest first. */
  groups(minSize = 2): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [id, slot] of this.slotOf) {
      if (this.find(slot) !== slot) continue;
      if ((this.members[slot]?.length ?? 0) < minSize) continue;
      out.set(this.groupOf(id) ?? id, this.groupMembers(id));
    }
    return out;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get size(): number {
    return this.slotOf.size;
  }

  // ---------------------------------------------------------------- internals

  private classAge(cls: number): number {
    const first = this.clsMembers[cls]?.[0];
    return first === undefined ? Infinity : (this.seq[first] ?? 0);
  }

  /** Candidate classes sharing a band with `fp`, most shared bands first, at most maxVerify. */
  private candidateClasses(fp: Fingerprint, exclude: number, threshold: number): number[] {
    if (!fp.bands) return [];
    if (this.stamp.length < this.clsFp.length) {
      const size = Math.max(this.clsFp.length, this.stamp.length * 2);
      this.stamp = new Int32Array(size);
      this.hits = new Int32Array(size);
    }
    const gen = ++this.gen;
    const list: number[] = [];
    const n = fp.set.length;
    const t = threshold;
    this.lsh.forEachInBuckets(fp.bands, (c) => {
      if (this.stamp[c] !== gen) {
        this.stamp[c] = gen;
        this.hits[c] = 0;
        if (c === exclude) return;
        // Sets of very different sizes cannot reach the threshold: J ≤ min/max.
        const m = this.clsFp[c]?.set.length ?? 0;
        if (Math.min(n, m) < t * Math.max(n, m)) return;
        list.push(c);
      }
      this.hits[c] = (this.hits[c] ?? 0) + 1;
    });
    if (list.length > this.maxVerify) {
      list.sort((a, b) => (this.hits[b] ?? 0) - (this.hits[a] ?? 0) || a - b);
      list.length = this.maxVerify;
    }
    return list;
  }

  /** Classes that are near-duplicates of class `cls` (≥ threshold), most similar first. */
  private neighbours(cls: number): number[] {
    const fp = this.clsFp[cls];
    if (!fp?.bands) return [];
    const found: { cls: number; sim: number }[] = [];
    for (const c of this.candidateClasses(fp, cls, this.threshold)) {
      const other = this.clsFp[c];
      if (!other) continue;
      const sim = jaccard(fp.set, other.set);
      if (sim >= this.threshold) found.push({ cls: c, sim });
    }
    found.sort((x, y) => y.sim - x.sim || this.classAge(x.cls) - this.classAge(y.cls));
    return found.map((f) => f.cls);
  }

  private find(s: number): number {
    let x = s;
    for (;;) {
      const p = this.parent[x] ?? x;
      if (p === x) return x;
      const gp = this.parent[p] ?? p;
      this.parent[x] = gp;
      x = gp;
    }
  }

  private groupSlots(slot: number): number[] {
    return [...(this.members[this.find(slot)] ?? [slot])];
  }

  /** Would joining the two components put two items that must stay apart together? */
  private conflict(ra: number, rb: number): boolean {
    const fa = this.forbidSlots[ra];
    const fb = this.forbidSlots[rb];
    if (!fa || !fb) return false;
    const [mine, otherRoot] = fa.length <= fb.length ? [fa, rb] : [fb, ra];
    for (const s of mine) {
      for (const other of this.forbidden.get(this.ids[s] ?? '') ?? []) {
        const o = this.slotOf.get(other);
        if (o !== undefined && this.find(o) === otherRoot) return true;
      }
    }
    return false;
  }

  private union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return true;
    if (this.conflict(ra, rb)) return false;
    let ma = this.members[ra] ?? [];
    let mb = this.members[rb] ?? [];
    if (ma.length < mb.length) {
      [ra, rb] = [rb, ra];
      [ma, mb] = [mb, ma];
    }
    this.parent[rb] = ra;
    for (const s of mb) ma.push(s);
    this.members[rb] = undefined;
    const fb = this.forbidSlots[rb];
    if (fb) {
      const fa = (this.forbidSlots[ra] ??= []);
      for (const s of fb) fa.push(s);
      this.forbidSlots[rb] = undefined;
    }
    const oa = this.oldest[ra] ?? ra;
    const ob = this.oldest[rb] ?? rb;
    if ((this.seq[ob] ?? 0) < (this.seq[oa] ?? 0)) this.oldest[ra] = ob;
    return true;
  }

  /**
   * Joins item `d` to what it duplicates, considering only items for which `eligible` holds:
   * first the other items of its exact class, then (unless it joined a class whose earlier
   * members already did so) the items of near-duplicate classes, most similar first. Adding
   * items one by one and regrouping a group from scratch both run this, in `seq` order, so both
   * give the same groups.
   */
  private link(d: number, eligible: (s: number) => boolean, neighbours: () => number[]) {
    const cls = this.classOf[d] ?? -1;
    const constrained = (c: number) => (this.clsForbidCount[c] ?? 0) > 0;
    let joinedClass = false;
    for (const m of this.clsMembers[cls] ?? []) {
      if (m === d || !eligible(m)) continue;
      if (this.union(d, m)) {
        joinedClass = true;
        if (!constrained(cls)) break;
      }
    }
    if (joinedClass && !constrained(cls)) return;
    for (const other of neighbours()) {
      // Without constraints a class's eligible members are all in one group: one union will do.
      for (const m of this.clsMembers[other] ?? []) {
        if (!eligible(m)) continue;
        this.union(d, m);
        if (!constrained(other)) break;
      }
    }
  }

  /** Rebuilds the groups of these items from scratch (after a split, a forbid or a removal). */
  private regroup(slots: number[]) {
    const inGroup = new Set(slots);
    slots.sort((a, b) => (this.seq[a] ?? 0) - (this.seq[b] ?? 0));
    for (const s of slots) {
      this.parent[s] = s;
      this.members[s] = [s];
      this.oldest[s] = s;
      this.forbidSlots[s] =
        (this.forbidden.get(this.ids[s] ?? '')?.size ?? 0) > 0 ? [s] : undefined;
    }
    const done = new Set<number>();
    const cache = new Map<number, number[]>();
    const eligible = (s: number) => done.has(s);
    for (const s of slots) {
      const cls = this.classOf[s] ?? -1;
      this.link(s, eligible, () => {
        let list = cache.get(cls);
        if (!list) {
          list = this.neighbours(cls).filter((c) =>
            (this.clsMembers[c] ?? []).some((m) => inGroup.has(m)),
          );
          cache.set(cls, list);
        }
        return list;
      });
      done.add(s);
    }
  }
}
