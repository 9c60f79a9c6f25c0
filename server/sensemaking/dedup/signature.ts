// The stored form of a text's fingerprint, so the index is rebuilt at start-up from the database
// without normalising, segmenting or hashing any text again. Layout (little-endian), then base64:
//   u32 header = version | bands << 8 | rows << 16 | shingle size << 24
//   u32 exact-key high part, u32 exact-key low part (21 bits), u32 core length in code points
//   then, for texts long enough for fuzzy matching: `bands` × u32 LSH bucket keys,
//   followed by the sorted 16-bit shingle hashes (the exact set, for exact Jaccard checks).
import { Buffer } from 'node:buffer';

/** Bump whenever hashing, normalisation or the core-text rules change (old signatures rejected). */
export const SIGNATURE_VERSION = 1;

export type Fingerprint = {
  /** 53-bit hash of the whole core text: equal keys ⇔ same core text (collisions ≈ 2⁻⁵³). */
  key: number;
  /** Length of the core text in code points. */
  length: number;
  /** LSH bucket keys, one per band; null for short texts, which are matched exactly only. */
  bands: Uint32Array | null;
  /** Sorted unique 16-bit shingle hashes (empty for short texts). */
  set: Uint16Array;
};

export type SignatureParams = { bands: number; rows: number; shingleSize: number };

const header = (p: SignatureParams) =>
  (SIGNATURE_VERSION | (p.bands << 8) | (p.rows << 16) | (p.shingleSize << 24)) >>> 0;

export function encodeSignature(fp: Fingerprint, p: SignatureParams): string {
  const nBands = fp.bands ? fp.bands.length : 0;
  const bytes = new Uint8Array(16 + nBands * 4 + (fp.bands ? fp.set.length * 2 : 0));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, header(p), true);
  view.setUint32(4, Math.floor(fp.key / 0x200000), true);
  view.setUint32(8, fp.key % 0x200000, true);
  view.setUint32(12, fp.length, true);
  let o = 16;
  if (fp.bands) {
    for (const b of fp.bands) {
      view.setUint32(o, b, true);
      o += 4;
    }
    for (const s of fp.set) {
      view.setUint16(o, s, true);
      o += 2;
    }
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeSignature(sig: string, p: SignatureParams): Fingerprint {
  const buf = Buffer.from(sig, 'base64');
  if (buf.length < 16) throw new Error('dedup signature: too short');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0, true) !== header(p)) {
    throw new Error('dedup signature: made with another version or parameters; recompute it');
  }
  const key = view.getUint32(4, true) * 0x200000 + view.getUint32(8, true);
  const length = view.getUint32(12, true);
  if (buf.length === 16) return { key, length, bands: null, set: new Uint16Array(0) };
  const rest = buf.length - 16 - p.bands * 4;
  if (rest < 0 || rest % 2 !== 0) throw new Error('dedup signature: bad length');
  const bands = new Uint32Array(p.bands);
  let o = 16;
  for (let i = 0; i < p.bands; i++, o += 4) bands[i] = view.getUint32(o, true);
  const set = new Uint16Array(rest / 2);
  for (let i = 0; i < set.length; i++, o += 2) set[i] = view.getUint16(o, true);
  return { key, length, bands, set };
}
