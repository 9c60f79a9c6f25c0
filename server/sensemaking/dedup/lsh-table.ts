// LSH buckets as typed arrays instead of a Map of arrays: 100k texts × 16 bands is 1.6M entries,
// which costs ~100 MB as JS objects and ~30 MB here. A bucket is a singly linked list of entries
// (entry = item × bands + band) hanging off an open-addressing table keyed by the band's hash.

const NEVER = -2; // table slot never used (ends a probe sequence)
const EMPTY = -1; // table slot whose bucket became empty (keeps probe sequences intact)
const NOT_LINKED = -3; // entry not stored because its bucket was full

export class LshTable {
  private keys = new Uint32Array(1024);
  private heads = new Int32Array(1024).fill(NEVER);
  private counts = new Int32Array(1024);
  private used = 0;
  private next = new Int32Array(1024);

  /**
   * @param bands number of bands per item
   * @param maxBucket a bucket keeps at most this many items (the oldest): thousands of copies of
   *   one form letter need not all be candidates, one of them finds the group.
   */
  constructor(
    private readonly bands: number,
    private readonly maxBucket: number,
  ) {}

  private slotFor(key: number): number {
    const mask = this.keys.length - 1;
    let i = (key ^ (key >>> 15)) & mask;
    for (;;) {
      if (this.heads[i] === NEVER || this.keys[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  /**
   * Makes room for this many items up front (a rebuild of known size): a rehash of millions of
   * entries in the middle of a load holds the event loop for ~100 ms; done first it costs nothing.
   */
  reserve(items: number) {
    if (items <= 0) return;
    this.ensureItem(items - 1);
    if ((items * this.bands + 1) * 2 > this.keys.length) this.grow(items * this.bands);
  }

  private grow(expectedKeys = 0) {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    const oldCounts = this.counts;
    const live = this.live(oldHeads);
    let size = oldKeys.length;
    // Room to grow before the next rehash, or for every expected key.
    while ((live + 1) * 3 > size || (expectedKeys + 1) * 2 > size) size *= 2;
    this.keys = new Uint32Array(size);
    this.heads = new Int32Array(size).fill(NEVER);
    this.counts = new Int32Array(size);
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const h = oldHeads[i] ?? NEVER;
      if (h < 0) continue;
      const s = this.slotFor(oldKeys[i] ?? 0);
      this.keys[s] = oldKeys[i] ?? 0;
      this.heads[s] = h;
      this.counts[s] = oldCounts[i] ?? 0;
      this.used++;
    }
  }

  private live(heads: Int32Array): number {
    let n = 0;
    for (const h of heads) if (h >= 0) n++;
    return n;
  }

  private ensureItem(item: number) {
    const need = (item + 1) * this.bands;
    if (need <= this.next.length) return;
    let size = this.next.length;
    while (size < need) size *= 2;
    const next = new Int32Array(size);
    next.set(this.next);
    this.next = next;
  }

  insert(item: number, bandKeys: Uint32Array) {
    this.ensureItem(item);
    for (let b = 0; b < this.bands; b++) {
      const e = item * this.bands + b;
      if ((this.used + 1) * 2 > this.keys.length) this.grow();
      const key = bandKeys[b] ?? 0;
      const s = this.slotFor(key);
      const h = this.heads[s] ?? NEVER;
      if (h === NEVER) {
        this.keys[s] = key;
        this.used++;
      }
      if ((this.counts[s] ?? 0) >= this.maxBucket) {
        this.next[e] = NOT_LINKED;
        continue;
      }
      this.next[e] = h >= 0 ? h : EMPTY;
      this.heads[s] = e;
      this.counts[s] = (this.counts[s] ?? 0) + 1;
    }
  }

  remove(item: number, bandKeys: Uint32Array) {
    for (let b = 0; b < this.bands; b++) {
      const e = item * this.bands + b;
      if (this.next[e] === NOT_LINKED) continue;
      const s = this.slotFor(bandKeys[b] ?? 0);
      let prev = -1;
      let cur = this.heads[s] ?? NEVER;
      while (cur >= 0 && cur !== e) {
        prev = cur;
        cur = this.next[cur] ?? EMPTY;
      }
      if (cur !== e) continue;
      const after = this.next[e] ?? EMPTY;
      if (prev < 0) this.heads[s] = after;
      else this.next[prev] = after;
      this.counts[s] = (this.counts[s] ?? 1) - 1;
      this.next[e] = NOT_LINKED;
    }
  }

  /** Calls `visit(item)` once per (item, shared band): an item sharing 3 bands is visited 3 times. */
  forEachInBuckets(bandKeys: Uint32Array, visit: (item: number) => void) {
    for (let b = 0; b < this.bands; b++) {
      const s = this.slotFor(bandKeys[b] ?? 0);
      let e = this.heads[s] ?? NEVER;
      while (e >= 0) {
        if (e % this.bands === b) visit((e - b) / this.bands);
        e = this.next[e] ?? EMPTY;
      }
    }
  }
}
