// Damaging cache files on purpose, for the tests that prove damage is caught:
// one byte changed, or the header rewritten with valid checksums (as another
// program version, or a lying header, would leave it). Follows the layout
// documented in server/src/core/sample/section-file.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

const PREFIX = 24;
const align8 = (n: number): number => (n + 7) & ~7;

export function flipByte(path: string, at: number): void {
  const bytes = readFileSync(path);
  bytes[at] ^= 0x5a;
  writeFileSync(path, bytes);
}

/** Replaces the header JSON by `edit(header)`, keeping the body and fixing the header's checksum and total length. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the header's JSON, edited freely by the tests
type Header = Record<string, any>;

export function rewriteHeader(path: string, edit: (header: Header) => Header): void {
  const bytes = readFileSync(path);
  const length = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(PREFIX, PREFIX + length).toString('utf8'));
  const body = bytes.subarray(align8(PREFIX + length));
  const edited = edit(header);
  let json = Buffer.from(JSON.stringify(edited));
  for (let i = 0; i < 3; i++) json = Buffer.from(JSON.stringify({ ...edited, total: align8(PREFIX + json.length) + body.length }));
  const prefix = Buffer.from(bytes.subarray(0, PREFIX));
  prefix.writeUInt32LE(json.length, 12);
  prefix.writeUInt32LE(crc32(json), 16);
  const padding = Buffer.alloc(align8(PREFIX + json.length) - PREFIX - json.length);
  writeFileSync(path, Buffer.concat([prefix, json, padding, body]));
}
