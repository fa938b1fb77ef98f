// Text interned to small integer codes, looked up straight from bytes: a
// repeated value ("Oslo" a hundred thousand times) is hashed and compared in
// place, with no string made. New values are kept as bytes in a pool and turned
// into strings in bulk when `values` is read: one decode of the pool and a
// substring per value is several times cheaper than one decode call per value,
// which matters for columns where every value is new (ids, emails).

import type { PackedTexts } from './store';
import { decodeNonAscii } from './text-encoding';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
/** Decode the pool in pieces well under V8's maximum string length. */
const DECODE_PIECE = 64 * 1024 * 1024;

export class ByteDictionary {
  private pool = new Uint8Array(1024);
  private poolUsed = 0;
  private starts = new Int32Array(64);
  private hashes = new Int32Array(64);
  private nonAscii = new Uint8Array(64);
  private count = 0;
  /** Open addressing: code + 1, 0 = empty slot. */
  private table = new Int32Array(128);
  private mask = 127;
  /**
   * Code + 1 of the value last looked up per (length, first byte) pair, 0 for
   * none. Columns with few distinct values ("Oslo", "mobile") and runs of one
   * value (an events file's ids, where a profile's events are often together)
   * are answered by one byte comparison with that value, before any hashing.
   */
  private recent = new Int32Array(256);
  private strings: string[] = [];
  private scratch = new Uint8Array(256);

  get size(): number {
    return this.count;
  }

  /** Bytes held, for the load's memory budget (strings, once made, about two bytes a character). */
  get byteSize(): number {
    return this.pool.byteLength + this.starts.byteLength * 2 + this.nonAscii.byteLength + this.table.byteLength + this.poolUsed * (this.strings.length > 0 ? 2 : 0);
  }

  /** The distinct values in order of first appearance (the code is the index). */
  get values(): string[] {
    if (this.strings.length < this.count) this.materialize();
    return this.strings;
  }

  /**
   * The values as bytes (row c holds the value of code c), with no string made.
   * Copies, not views, of the pool and starts, so a worker can transfer them.
   */
  packed(): PackedTexts {
    const starts = new Int32Array(this.count + 1);
    starts.set(this.starts.subarray(0, this.count));
    starts[this.count] = this.poolUsed;
    return { bytes: this.pool.slice(0, this.poolUsed), starts };
  }

  /** The code of the UTF-8 text in bytes [start, end), adding it when new. */
  codeOfBytes(b: Uint8Array, start: number, end: number): number {
    const key = recentKey(b, start, end);
    const recent = this.recent[key] - 1;
    if (recent >= 0 && this.entryEquals(recent, b, start, end)) return recent;
    const code = this.lookup(b, start, end, true);
    this.recent[key] = code + 1;
    return code;
  }

  /** The code of the text in bytes [start, end), or -1 when it is not in the dictionary. */
  findBytes(b: Uint8Array, start: number, end: number): number {
    const key = recentKey(b, start, end);
    const recent = this.recent[key] - 1;
    if (recent >= 0 && this.entryEquals(recent, b, start, end)) return recent;
    const code = this.lookup(b, start, end, false);
    if (code >= 0) this.recent[key] = code + 1;
    return code;
  }

  /** True when entry `code` holds exactly bytes [start, end). */
  private entryEquals(code: number, b: Uint8Array, start: number, end: number): boolean {
    const at = this.starts[code];
    const len = end - start;
    const entryEnd = code + 1 < this.count ? this.starts[code + 1] : this.poolUsed;
    if (entryEnd - at !== len) return false;
    const pool = this.pool;
    for (let k = 0; k < len; k++) if (pool[at + k] !== b[start + k]) return false;
    return true;
  }

  codeOfString(text: string): number {
    const n = this.encode(text);
    return this.lookup(this.scratch, 0, n, true);
  }

  findString(text: string): number {
    const n = this.encode(text);
    return this.lookup(this.scratch, 0, n, false);
  }

  /** Writes the UTF-8 bytes of `text` to the scratch buffer; plain ASCII without a native call. */
  private encode(text: string): number {
    const len = text.length;
    if (len * 3 > this.scratch.length) this.scratch = new Uint8Array(len * 3 + 16);
    const out = this.scratch;
    for (let k = 0; k < len; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0x80) return Buffer.from(out.buffer, out.byteOffset, out.length).write(text, 0, 'utf8');
      out[k] = c;
    }
    return len;
  }

  private lookup(b: Uint8Array, start: number, end: number, add: boolean): number {
    let h = FNV_OFFSET;
    for (let k = start; k < end; k++) h = Math.imul(h ^ b[k], FNV_PRIME);
    const len = end - start;
    const table = this.table;
    const mask = this.mask;
    const starts = this.starts;
    const pool = this.pool;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot];
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === h) {
        const at = starts[code];
        const entryEnd = code + 1 < this.count ? starts[code + 1] : this.poolUsed;
        if (entryEnd - at === len) {
          let k = 0;
          while (k < len && pool[at + k] === b[start + k]) k++;
          if (k === len) return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    return add ? this.add(b, start, end, h, slot) : -1;
  }

  private add(b: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const len = end - start;
    if (this.poolUsed + len > this.pool.length) {
      const bigger = new Uint8Array(Math.max(this.poolUsed + len, this.pool.length * 2));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    const code = this.count;
    if (code >= this.starts.length) {
      const size = this.starts.length * 2;
      this.starts = grow(this.starts, size);
      this.hashes = grow(this.hashes, size);
      this.nonAscii = grow(this.nonAscii, size);
    }
    let high = 0;
    const pool = this.pool;
    const at = this.poolUsed;
    for (let k = 0; k < len; k++) {
      const c = b[start + k];
      high |= c;
      pool[at + k] = c;
    }
    this.starts[code] = at;
    this.hashes[code] = hash;
    this.nonAscii[code] = high >= 0x80 ? 1 : 0;
    this.poolUsed = at + len;
    this.count = code + 1;
    this.table[slot] = code + 1;
    if (this.count * 2 > this.table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let code = 0; code < this.count; code++) {
      let slot = this.hashes[code] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = code + 1;
    }
    this.table = table;
    this.mask = mask;
  }

  private materialize(): void {
    const bytes = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.poolUsed);
    let code = this.strings.length;
    while (code < this.count) {
      // One latin1 decode per piece (byte offsets equal character offsets), then a
      // substring per ASCII value; values with other bytes are decoded as UTF-8 alone.
      const pieceStart = this.starts[code];
      let last = code;
      while (last + 1 < this.count && this.starts[last + 1] - pieceStart < DECODE_PIECE) last++;
      const pieceEnd = last + 1 < this.count ? this.starts[last + 1] : this.poolUsed;
      const piece = bytes.toString('latin1', pieceStart, pieceEnd);
      for (; code <= last; code++) {
        const a = this.starts[code];
        const z = code + 1 < this.count ? this.starts[code + 1] : this.poolUsed;
        this.strings.push(this.nonAscii[code] ? decodeNonAscii(bytes, a, z) : piece.substring(a - pieceStart, z - pieceStart));
      }
    }
  }
}

/** Slot in `recent`: the low four bits of the length and of the first byte. */
function recentKey(b: Uint8Array, start: number, end: number): number {
  return end > start ? (((end - start) & 15) << 4) | (b[start] & 15) : 0;
}

function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
