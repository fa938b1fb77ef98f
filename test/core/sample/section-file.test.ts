// The file format under the sample cache: plain data with typed arrays as
// aligned sections, written atomically, and read back only when every check holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FORMAT_VERSION, readSectionFile, writeSectionFile } from '../../../server/src/core/sample/section-file';
import { flipByte, rewriteHeader } from './cache-files';
import { writeTemp } from './helpers';

const KEY = { inputs: 'a', writer: 'me' };
const accept = (key: unknown) => (JSON.stringify(key) === JSON.stringify(KEY) ? undefined : ('stale' as const));

function value() {
  const shared = Float64Array.from([1.5, -2, Number.NaN, Infinity]);
  return {
    count: 3,
    text: 'Göteborg ✓',
    list: ['a', '', 'ünïcode'],
    none: undefined,
    nothing: null,
    flag: true,
    columns: new Map<string, unknown>([
      ['u8', Uint8Array.from([1, 2, 255])],
      ['i8', Int8Array.from([-1, 0, 1])],
      ['u16', Uint16Array.from([0, 65535, 7])],
      ['i16', Int16Array.from([-32768, 5])],
      ['u32', Uint32Array.from([0xffffffff, 1])],
      ['i32', Int32Array.from([-5, 1 << 30])],
      ['f32', Float32Array.from([0.5, -1])],
      ['f64', shared],
      ['again', shared],
      ['empty', new Int32Array(0)],
      ['view', Uint16Array.from([9, 8, 7, 6]).subarray(1, 3)],
      ['big', BigInt64Array.from([-(2n ** 63n), 42n])],
    ]),
  };
}

test('plain data and every kind of typed array come back equal, the arrays as aligned views on one buffer', () => {
  const path = writeTemp('round-trip.cache', '');
  const bytes = writeSectionFile(path, KEY, value());
  assert.equal(bytes, statSync(path).size);
  const read = readSectionFile<ReturnType<typeof value>>(path, accept);
  assert.ok(read.ok, JSON.stringify(read));
  assert.deepEqual(read.value, value());
  const arrays = [...read.value.columns.values()] as ArrayBufferView[];
  const buffers = new Set(arrays.map((a) => a.buffer));
  assert.equal(buffers.size, 1, 'one buffer under every array');
  for (const a of arrays) assert.equal(a.byteOffset % 8, 0, 'each array starts at an 8-byte boundary');
  assert.equal(read.value.columns.get('f64'), read.value.columns.get('again'), 'an array stored twice is one array again');
  assert.deepEqual([...(read.value.columns.get('view') as Uint16Array)], [8, 7], 'a view keeps only its own part');
});

test('a missing file is absent; a key the reader does not want is stale, and the body is then not read', () => {
  const path = writeTemp('keys.cache', '');
  assert.deepEqual(readSectionFile(path + '.none', accept), { ok: false, problem: 'absent' });
  writeSectionFile(path, { inputs: 'b', writer: 'me' }, value());
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'stale' });
  assert.deepEqual(readSectionFile(path, () => 'foreign'), { ok: false, problem: 'foreign' });
});

test('a file cut short anywhere is truncated, never read', () => {
  const path = writeTemp('cut.cache', '');
  const size = writeSectionFile(path, KEY, value());
  const whole = readFileSync(path);
  for (const length of [0, 10, 30, Math.floor(size / 2), size - 1]) {
    writeFileSync(path, whole.subarray(0, length));
    const read = readSectionFile(path, accept);
    assert.equal(read.ok, false, `cut at ${length}`);
    assert.ok(!read.ok && ['truncated', 'foreign'].includes(read.problem), `cut at ${length}: ${JSON.stringify(read)}`);
    if (length > 30) assert.deepEqual(read, { ok: false, problem: 'truncated' });
  }
  writeFileSync(path, Buffer.concat([whole, Buffer.from('more')]));
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'truncated' }, 'a file longer than written');
  truncateSync(path, 0);
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'truncated' });
});

test('another format or another V8 is foreign', () => {
  const path = writeTemp('foreign.cache', '');
  writeSectionFile(path, KEY, value());
  const whole = readFileSync(path);
  const otherVersion = Buffer.from(whole);
  otherVersion.writeUInt32LE(FORMAT_VERSION + 1, 8);
  writeFileSync(path, otherVersion);
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'foreign' });
  writeFileSync(path, Buffer.concat([Buffer.from('NOTCACHE'), whole.subarray(8)]));
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'foreign' });
  writeFileSync(path, 'user_id,age\nu1,30\n');
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'foreign' }, 'a CSV file is not a cache');
  writeFileSync(path, whole);
  rewriteHeader(path, (header) => ({ ...header, v8: '1.0.0' }));
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'foreign' });
});

test('one changed byte anywhere — header, structure or an array — is corrupt', () => {
  const path = writeTemp('flip.cache', '');
  const size = writeSectionFile(path, KEY, value());
  const whole = readFileSync(path);
  // Every 7th byte after the fixed prefix's magic and version: the header, its checksums, the structure, the sections, the padding.
  for (let at = 12; at < size; at += 7) {
    writeFileSync(path, whole);
    flipByte(path, at);
    const read = readSectionFile(path, accept);
    assert.equal(read.ok, false, `byte ${at} changed, yet the file was read`);
    assert.ok(!read.ok && ['corrupt', 'truncated'].includes(read.problem), `byte ${at}: ${JSON.stringify(read)}`);
  }
});

test('a header that passes its checksum but points outside the file is corrupt', () => {
  const path = writeTemp('bounds.cache', '');
  writeSectionFile(path, KEY, value());
  rewriteHeader(path, (header) => ({ ...header, sections: header.sections.map((s: { offset: number }, i: number) => (i === 0 ? { ...s, offset: 1 << 30 } : s)) }));
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'corrupt' });
  writeSectionFile(path, KEY, value());
  rewriteHeader(path, (header) => ({ ...header, sections: header.sections.map((s: { offset: number }, i: number) => (i === 1 ? { ...s, offset: s.offset + 1 } : s)) }));
  assert.deepEqual(readSectionFile(path, accept), { ok: false, problem: 'corrupt' }, 'a misaligned section');
});

test('writing replaces the file whole through a temporary file that never stays behind', () => {
  const path = writeTemp('atomic.cache', '');
  writeSectionFile(path, KEY, value());
  writeSectionFile(path, KEY, { ...value(), count: 4 });
  const read = readSectionFile<ReturnType<typeof value>>(path, accept);
  assert.ok(read.ok);
  assert.equal(read.value.count, 4);
  assert.deepEqual(readdirSync(dirname(path)).filter((f) => f.startsWith('atomic.cache.')), []);
  // A value that cannot be stored (a function) throws before any file is made.
  assert.throws(() => writeSectionFile(path + '.bad', KEY, { f: () => 1 }));
  assert.equal(existsSync(path + '.bad'), false);
  assert.deepEqual(readdirSync(dirname(path)).filter((f) => f.includes('.bad')), []);
  // A folder that does not exist: the error surfaces, and nothing is left.
  assert.throws(() => writeSectionFile(`${path}.missing/inside.cache`, KEY, value()), /ENOENT/);
});
