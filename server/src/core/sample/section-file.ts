// A file holding one value of plain data (objects, arrays, Maps, strings,
// numbers, typed arrays: what a worker can post) with its typed arrays laid out
// as raw, 8-byte-aligned sections, so reading it back is one read and one small
// decode: each typed array comes back as a view on the file's bytes, not a copy
// and not parsed. The store cache (store-cache.ts) keeps loaded samples in it.
//
// The structure between the arrays is V8's own serialization (node:v8, the
// structured-clone format), so any store shape round-trips without this file
// knowing it; typed arrays are written as host objects naming their section.
//
// Layout, all numbers little-endian:
//   0  "SEGCACHE"                      magic
//   8  u32 format version              FORMAT_VERSION
//  12  u32 header length               JSON, UTF-8
//  16  u32 CRC-32 of the header
//  20  u32 CRC-32 of the body          everything after the header's padding
//  24  header JSON                     { key, v8, structure, sections, total }
//      padding to 8
//      body: the structure, then each section at an 8-byte boundary
//
// Nothing read is trusted before it is checked: the magic and versions, both
// checksums, the total length (a cut file is caught before any checksum is
// computed) and every section's bounds.
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { Deserializer, Serializer } from 'node:v8';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('SEGCACHE', 'latin1');
/** Bump when the layout above changes. */
export const FORMAT_VERSION = 1;
const PREFIX = 24;

/** Why a file was not read back. */
export type SectionFileProblem =
  /** No such file. */
  | 'absent'
  /** Not one of these files, or written by another format version or another V8. */
  | 'foreign'
  /** Shorter or longer than its header says (a write cut short, a copy cut off). */
  | 'truncated'
  /** A checksum or a bound does not hold, or the structure does not decode. */
  | 'corrupt'
  /** Written for other inputs (the caller's key differs). */
  | 'stale'
  /** The file system refused. */
  | 'unreadable';

export type SectionFileRead<T> = { ok: true; value: T; bytes: number } | { ok: false; problem: SectionFileProblem };

interface Header {
  key: unknown;
  v8: string;
  structure: { offset: number; length: number };
  sections: { type: number; offset: number; length: number }[];
  total: number;
}

const VIEW_TYPES = [
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  Uint8ClampedArray,
  DataView,
] as const;

type ViewConstructor = (typeof VIEW_TYPES)[number];

function typeIndexOf(view: ArrayBufferView): number {
  // A Buffer is a Uint8Array; it comes back as one.
  const index = VIEW_TYPES.findIndex((type) => view instanceof type);
  if (index < 0) throw new Error(`cannot store a ${view.constructor.name}`);
  return index;
}

/** The hooks of node:v8's serializer that @types/node does not declare. */
interface HostObjectSerializer {
  _setTreatArrayBufferViewsAsHostObjects(flag: boolean): void;
}

class SectionSerializer extends Serializer {
  readonly sections: ArrayBufferView[] = [];

  constructor() {
    super();
    (this as unknown as HostObjectSerializer)._setTreatArrayBufferViewsAsHostObjects(true);
  }

  _writeHostObject(view: ArrayBufferView): void {
    this.writeUint32(this.sections.length);
    this.sections.push(view);
  }
}

class SectionDeserializer extends Deserializer {
  constructor(
    structure: Buffer,
    private readonly views: ArrayBufferView[],
  ) {
    super(structure);
  }

  _readHostObject(): ArrayBufferView {
    const view = this.views[this.readUint32()];
    if (!view) throw new Error('a section that does not exist');
    return view;
  }
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * Writes `value` under `key` to `path` atomically: into a new temporary file
 * beside it, then renamed over it, so a reader sees the old file or the new
 * one, never a part; two writers racing each rename a whole file. Throws what
 * the file system throws (the temporary file is removed first).
 */
export function writeSectionFile(path: string, key: unknown, value: unknown): number {
  const serializer = new SectionSerializer();
  serializer.writeHeader();
  serializer.writeValue(value);
  const structure = serializer.releaseBuffer();
  const sections: Header['sections'] = [];
  let offset = align8(structure.length);
  for (const view of serializer.sections) {
    sections.push({ type: typeIndexOf(view), offset, length: view.byteLength });
    offset = align8(offset + view.byteLength);
  }
  const bodyLength = offset;
  const headerJson = (total: number) =>
    Buffer.from(JSON.stringify({ key, v8: process.versions.v8, structure: { offset: 0, length: structure.length }, sections, total } satisfies Header));
  // The total depends on the header's own length; one more digit at most moves it once.
  let header = headerJson(0);
  let bodyStart = align8(PREFIX + header.length);
  header = headerJson(bodyStart + bodyLength);
  if (align8(PREFIX + header.length) !== bodyStart) {
    bodyStart = align8(PREFIX + header.length);
    header = headerJson(bodyStart + bodyLength);
  }

  const padding = Buffer.alloc(8);
  const bodyParts: Uint8Array[] = [structure];
  let at = structure.length;
  for (let i = 0; i < sections.length; i++) {
    bodyParts.push(padding.subarray(0, sections[i].offset - at));
    const view = serializer.sections[i];
    bodyParts.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    at = sections[i].offset + view.byteLength;
  }
  bodyParts.push(padding.subarray(0, bodyLength - at));
  let bodyCrc = 0;
  // zlib's crc32 of an empty array without memory (a zero-length ArrayBuffer) restarts at 0: skip those.
  for (const part of bodyParts) if (part.byteLength > 0) bodyCrc = crc32(part, bodyCrc);

  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(FORMAT_VERSION, 8);
  prefix.writeUInt32LE(header.length, 12);
  prefix.writeUInt32LE(crc32(header), 16);
  prefix.writeUInt32LE(bodyCrc, 20);

  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  // `wx`: a new file of our own, never through a link someone left under that name.
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    try {
      for (const part of [prefix, header, padding.subarray(0, bodyStart - PREFIX - header.length), ...bodyParts]) writeAll(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw e;
  }
  return bodyStart + bodyLength;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * What the reader makes of the key a file was written under: undefined when it
 * is the one wanted, else why not ('stale' inputs, or a 'foreign' writer).
 */
export type KeyCheck = (key: unknown) => 'stale' | 'foreign' | undefined;

/**
 * Reads a file written by writeSectionFile. `checkKey` judges the key it was
 * written under before the body is read, so a stale file costs only its header.
 * The value's typed arrays are views on one buffer holding the file's body.
 */
export function readSectionFile<T>(path: string, checkKey: KeyCheck): SectionFileRead<T> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { ok: false, problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable' };
  }
  try {
    return readOpen<T>(fd, checkKey);
  } catch {
    return { ok: false, problem: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

function readOpen<T>(fd: number, checkKey: KeyCheck): SectionFileRead<T> {
  const size = fstatSync(fd).size;
  const prefix = Buffer.alloc(PREFIX);
  const got = readFully(fd, prefix, 0);
  if (got < PREFIX) {
    const start = Math.min(got, MAGIC.length);
    return { ok: false, problem: prefix.subarray(0, start).equals(MAGIC.subarray(0, start)) ? 'truncated' : 'foreign' };
  }
  if (!prefix.subarray(0, 8).equals(MAGIC) || prefix.readUInt32LE(8) !== FORMAT_VERSION) return { ok: false, problem: 'foreign' };
  const headerLength = prefix.readUInt32LE(12);
  if (PREFIX + headerLength > size) return { ok: false, problem: 'truncated' };
  const headerBytes = Buffer.alloc(headerLength);
  readFully(fd, headerBytes, PREFIX);
  if (crc32(headerBytes) !== prefix.readUInt32LE(16)) return { ok: false, problem: 'corrupt' };
  let header: Header;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as Header;
  } catch {
    return { ok: false, problem: 'corrupt' };
  }
  if (header.v8 !== process.versions.v8) return { ok: false, problem: 'foreign' };
  const keyProblem = checkKey(header.key);
  if (keyProblem) return { ok: false, problem: keyProblem };
  if (header.total !== size) return { ok: false, problem: 'truncated' };

  const bodyStart = align8(PREFIX + headerLength);
  const bodyLength = size - bodyStart;
  // One buffer of its own for the whole body (not Node's shared pool), so views on it can be transferred to another thread.
  const body = Buffer.from(new ArrayBuffer(bodyLength));
  if (readFully(fd, body, bodyStart) !== bodyLength) return { ok: false, problem: 'truncated' };
  if (crc32(body) !== prefix.readUInt32LE(20)) return { ok: false, problem: 'corrupt' };

  const views: ArrayBufferView[] = [];
  for (const s of header.sections) {
    const type: ViewConstructor | undefined = VIEW_TYPES[s.type];
    const width = type && 'BYTES_PER_ELEMENT' in type ? type.BYTES_PER_ELEMENT : 1;
    if (!type || s.offset % 8 !== 0 || s.length % width !== 0 || s.offset < 0 || s.offset + s.length > bodyLength) return { ok: false, problem: 'corrupt' };
    const view = type as unknown as new (buffer: ArrayBuffer, offset: number, length: number) => ArrayBufferView;
    views.push(new view(body.buffer, s.offset, type === DataView ? s.length : s.length / width));
  }
  const { offset, length } = header.structure;
  if (offset !== 0 || length > bodyLength) return { ok: false, problem: 'corrupt' };
  try {
    const deserializer = new SectionDeserializer(body.subarray(0, length), views);
    deserializer.readHeader();
    return { ok: true, value: deserializer.readValue() as T, bytes: size };
  } catch {
    return { ok: false, problem: 'corrupt' };
  }
}

function readFully(fd: number, into: Uint8Array, position: number): number {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
