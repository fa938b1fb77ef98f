// Reading and making PackedTexts (store.ts), the form of the profile ids: a
// million ids cost their bytes plus four a row rather than a V8 string each, and
// the data worker transfers the two arrays to the server thread instead of
// copying them. Functions rather than methods, because the data crosses threads
// by structured cloning, which drops prototypes.
import type { PackedTexts } from './store';
import { decodeNonAscii } from './text-encoding';

/** Bytes decoded at once by `textsAt`: large enough that few decodes serve many ids, small enough that a sparse pick stays cheap. */
const WINDOW = 64 * 1024;

export function packedTextCount(packed: PackedTexts): number {
  return Math.max(0, packed.starts.length - 1);
}

export function textAt(packed: PackedTexts, i: number): string {
  const { bytes, starts } = packed;
  const a = starts[i];
  const z = starts[i + 1];
  return isAscii(bytes, a, z) ? Buffer.from(bytes.buffer, bytes.byteOffset + a, z - a).toString('latin1') : decodeNonAscii(bytes, a, z);
}

/**
 * The texts of `rows`, in that order. ASCII texts are substrings of one latin1
 * decode per window of bytes (byte offsets equal character offsets there), which
 * is several times cheaper than one decode call per text; ascending rows (a
 * segment's members) decode each byte about once, however sparse they are.
 */
export function textsAt(packed: PackedTexts, rows: ArrayLike<number>): string[] {
  const { bytes, starts } = packed;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<string>(rows.length);
  let windowStart = 0;
  let windowEnd = 0;
  let decoded = '';
  for (let j = 0; j < rows.length; j++) {
    const row = rows[j];
    const a = starts[row];
    const z = starts[row + 1];
    if (!isAscii(bytes, a, z)) {
      out[j] = decodeNonAscii(bytes, a, z);
      continue;
    }
    if (a < windowStart || z > windowEnd) {
      windowStart = a;
      windowEnd = Math.min(bytes.length, Math.max(z, a + WINDOW));
      decoded = buffer.toString('latin1', windowStart, windowEnd);
    }
    out[j] = decoded.substring(a - windowStart, z - windowStart);
  }
  return out;
}

/** Every text, in row order. */
export function allTexts(packed: PackedTexts): string[] {
  const rows = new Int32Array(packedTextCount(packed));
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return textsAt(packed, rows);
}

/** Packs texts given as strings (stores built by hand: tests, benches). The arrays own their buffers, so they can be transferred. */
export function packTexts(texts: readonly string[]): PackedTexts {
  const encoded = texts.map((t) => Buffer.from(t, 'utf8'));
  const starts = new Int32Array(texts.length + 1);
  for (let i = 0; i < encoded.length; i++) starts[i + 1] = starts[i] + encoded[i].length;
  const bytes = new Uint8Array(starts[texts.length]);
  encoded.forEach((b, i) => bytes.set(b, starts[i]));
  return { bytes, starts };
}

function isAscii(bytes: Uint8Array, a: number, z: number): boolean {
  let high = 0;
  for (let k = a; k < z; k++) high |= bytes[k];
  return high < 0x80;
}
