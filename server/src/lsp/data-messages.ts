// What the data worker tells the server.
import type { LoadedData } from '../core/workspace/project-data';

export type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; data: LoadedData }
  | { type: 'failed'; message: string };

/** Every distinct ArrayBuffer under the data (the store's typed arrays), for a zero-copy postMessage. */
export function transferablesOf(data: LoadedData): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      const buffer = v.buffer;
      // Node's Buffer pool slices share one small buffer with unrelated data; leave those to be copied.
      // A larger buffer is the store's own (a column, or a cache file the columns are views on).
      if (buffer instanceof ArrayBuffer && ((v.byteOffset === 0 && v.byteLength === buffer.byteLength) || buffer.byteLength > Buffer.poolSize)) buffers.add(buffer);
      return;
    }
    if (Array.isArray(v)) return; // string arrays (dictionaries) hold no buffers
    if (v instanceof Map) {
      for (const item of v.values()) visit(item, depth + 1);
      return;
    }
    for (const item of Object.values(v)) visit(item, depth + 1);
  };
  visit(data.store, 0);
  return [...buffers];
}
