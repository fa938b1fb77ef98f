// Where the CSV and JSON Lines readers get their bytes: a file read in chunks
// with readSync (never the whole file as one string), or a Buffer in memory
// (tests, small inputs).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  /** Copies up to `length` bytes into `target` at `offset`; 0 means the end of the data. */
  read(target: Uint8Array, offset: number, length: number): number;
  /** Total size in bytes, when known (for progress and row estimates). */
  readonly size: number | undefined;
  close(): void;
}

export function bufferByteSource(data: Uint8Array | string): ByteSource {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let at = 0;
  return {
    size: bytes.length,
    read(target, offset, length) {
      const n = Math.min(length, bytes.length - at);
      if (n <= 0) return 0;
      target.set(bytes.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    close() {},
  };
}

/**
 * Opens a file for chunked reading, optionally only bytes [start, end) of it
 * (one part of a file read by two threads). Throws the fs error (ENOENT,
 * EISDIR, …) for the caller to turn into a diagnostic. `size` is the size of
 * the part read.
 */
export function fileByteSource(path: string, range?: { start: number; end: number }): ByteSource {
  const fd = openSync(path, 'r');
  let fileSize: number;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
    fileSize = stat.size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  const start = Math.min(range?.start ?? 0, fileSize);
  const end = Math.max(start, Math.min(range?.end ?? fileSize, fileSize));
  // Explicit positions: the part's reader must not depend on (or move) the descriptor's own position.
  let at = start;
  let closed = false;
  return {
    size: end - start,
    read(target, offset, length) {
      const n = Math.min(length, end - at);
      if (n <= 0) return 0;
      const got = readSync(fd, target, offset, n, at);
      at += got;
      return got;
    },
    close() {
      if (!closed) closeSync(fd);
      closed = true;
    },
  };
}
