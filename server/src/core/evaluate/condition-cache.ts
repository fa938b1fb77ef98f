// Results of single conditions, kept so that editing one condition of a segment
// recomputes only that condition. Least recently used entries go first once the
// bitsets together pass the byte budget (a condition over a million profiles is
// 125 kB, so the default holds a few hundred of them).
import type { Bitset } from '../base/bitset';

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export class ConditionCache {
  private readonly entries = new Map<string, Bitset>();
  private bytes = 0;

  constructor(private readonly maxBytes: number = DEFAULT_CACHE_BYTES) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Bitset | undefined {
    const bits = this.entries.get(key);
    if (bits) {
      // Re-insert to mark as most recently used (a Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, bits);
    }
    return bits;
  }

  set(key: string, bits: Bitset): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.byteLength;
      this.entries.delete(key);
    }
    if (bits.byteLength > this.maxBytes) return;
    this.entries.set(key, bits);
    this.bytes += bits.byteLength;
    for (const [oldest, oldBits] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldBits.byteLength;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
