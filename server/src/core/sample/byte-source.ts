// Where the CSV and JSON Lines readers get their bytes: a file read in chunks
// with readSync (never the whole file as one string), or a Buffer in memory
// (tests, small inputs, and a pipe read to its end: see readStreamIntoMemory).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { pathNature, pathNatureWords } from '../project/files';

/**
 * Pipes read to their end, by the path they were named by. A sample is read
 * more than once (a sniff, the rows, sometimes a column again), and a pipe
 * can be read only once, so `segments size --sample <(zcat users.csv.gz)` or
 * `--sample /dev/stdin` reads it whole into memory first; later opens of the
 * path read these bytes.
 */
const streamsInMemory = new Map<string, Uint8Array>();

const STDIN_NAMES = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** How reading a pipe ended when it did not give its bytes. */
export type StreamReadProblem = { kind: 'not-a-stream' } | { kind: 'too-large'; limitBytes: number } | { kind: 'failed'; reason: string };

/**
 * When `path` is a named pipe or a socket (a FIFO, process substitution,
 * `/dev/stdin` fed by a pipe or a socket), reads it to its end and keeps the bytes for fileByteSource.
 * Stops, keeping nothing, past `maxBytes` (the memory budget).
 */
export function readStreamIntoMemory(path: string, maxBytes: number): StreamReadProblem | undefined {
  if (streamsInMemory.has(path)) return undefined;
  const nature = pathNature(path);
  if (nature !== 'pipe' && nature !== 'socket') return { kind: 'not-a-stream' };
  const chunks: Buffer[] = [];
  let total = 0;
  let fd: number | undefined;
  // Standard input is read from its descriptor: a socket (what Node gives a child's stdin) cannot be opened again by name.
  const ownStdin = STDIN_NAMES.has(path);
  try {
    fd = ownStdin ? 0 : openSync(path, 'r');
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        // A non-blocking descriptor with nothing yet: wait for the writer.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { kind: 'too-large', limitBytes: maxBytes };
      chunks.push(chunk.subarray(0, n));
    }
  } catch (e) {
    return { kind: 'failed', reason: (e as Error).message };
  } finally {
    if (fd !== undefined && !ownStdin) closeSync(fd);
  }
  streamsInMemory.set(path, Buffer.concat(chunks, total));
  return undefined;
}

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
  const inMemory = streamsInMemory.get(path);
  if (inMemory) {
    const start = Math.min(range?.start ?? 0, inMemory.length);
    return bufferByteSource(inMemory.subarray(start, Math.max(start, Math.min(range?.end ?? inMemory.length, inMemory.length))));
  }
  // Opening a named pipe blocks until a writer comes, and a device may never end: only regular files are opened.
  const nature = pathNature(path);
  if (nature !== 'file' && nature !== 'missing' && nature !== 'denied') {
    throw Object.assign(new Error(`${path} is ${pathNatureWords(nature)}`), { code: nature === 'folder' ? 'EISDIR' : 'ENOTFILE', nature });
  }
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
