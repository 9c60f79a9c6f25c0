// Small, fast, deterministic 32-bit hashing on code points (Math.imul only, no dependencies).
// Everything the dedup index stores is derived from these functions, so changing any constant
// changes every stored signature: bump SIGNATURE_VERSION in signature.ts when you do.

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Murmur-style hash of a sequence of code points (each code point is one 32-bit block). */
export function hashCodePoints(cps: ArrayLike<number>, start: number, end: number, seed: number) {
  let h = seed | 0;
  for (let i = start; i < end; i++) {
    let k = Math.imul(cps[i] ?? 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (end - start));
}

/** A 53-bit key (safe integer) for a whole code-point sequence: two independent 32-bit hashes. */
export function exactKey(cps: ArrayLike<number>): number {
  const hi = hashCodePoints(cps, 0, cps.length, 0x9747b28c);
  const lo = hashCodePoints(cps, 0, cps.length, 0x2f6b1a53);
  return hi * 0x200000 + (lo >>> 11);
}

/** Deterministic stream of 32-bit values (splitmix-like), for MinHash seeds and tests. */
export function seededUint32s(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    out[i] = fmix32(s);
  }
  return out;
}

/**
 * MinHash of a set of 16-bit shingle hashes: for each of `seeds.length` hash functions
 * h_i(x) = fmix-style mix of (x XOR seed_i), keep the minimum. The mix is a bijection on 32 bits,
 * so distinct shingles never tie within one function.
 */
export function minHash(set: Uint16Array, seeds: Uint32Array, out: Uint32Array): Uint32Array {
  const n = seeds.length;
  out.fill(0xffffffff);
  for (let j = 0; j < set.length; j++) {
    const x = set[j] ?? 0;
    for (let i = 0; i < n; i++) {
      let h = x ^ (seeds[i] ?? 0);
      h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
      h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < (out[i] ?? 0)) out[i] = h;
    }
  }
  return out;
}

/** One LSH bucket key per band: a hash of the band number and its `rows` MinHash values. */
export function bandKeys(mins: Uint32Array, bands: number, rows: number, out: Uint32Array) {
  for (let b = 0; b < bands; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1);
    for (let r = 0; r < rows; r++) {
      h = Math.imul(h ^ (mins[b * rows + r] ?? 0), 0x01000193);
      h = (h << 13) | (h >>> 19);
    }
    out[b] = fmix32(h);
  }
  return out;
}
