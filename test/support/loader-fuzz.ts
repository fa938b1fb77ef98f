// Hostile inputs for the loaders of user data (issue 12): random and mutated
// samples (CSV and JSON Lines profiles, CSV events), configs and schemas, with
// deep nesting, huge cells, invalid UTF-8, NUL bytes, data-keyed objects and
// colliding names. Shared by the property test in `npm test`
// (test/core/sample/loader-fuzz.test.ts) and its ten-times-longer run with
// timings (bench/fuzz-loaders.ts).
//
// Each case is written to a file and loaded as the CLI and the server load it.
// `checkCase` asserts what holds on any input: no exception escapes; every
// diagnostic names the file it is about and a line inside it; the columns
// kept in memory stay within a bound proportional to the input's size (the
// bytes of every typed array and string the store holds, counted exactly, so
// the bound is deterministic). Time is not asserted here (our tests use no
// clock); the bench measures it.
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from '../../server/src/core/base/diagnostics';
import { loadConfig } from '../../server/src/core/project/load-config';
import { loadSchema } from '../../server/src/core/project/load-schema';
import { loadSample } from '../../server/src/core/sample/load-sample';
import type { SampleStore } from '../../server/src/core/sample/store';
import { LineIndex } from '../../server/src/core/text/line-index';

export type FuzzKind = 'csv' | 'jsonl' | 'events' | 'config' | 'schema';

export interface FuzzCase {
  kind: FuzzKind;
  bytes: Uint8Array;
}

/** Bytes the store may hold per byte of input, plus a fixed allowance (empty columns are allocated at a minimum capacity). */
export const HELD_BYTES_PER_INPUT_BYTE = 24;
export const HELD_BYTES_ALLOWANCE = 512 * 1024;

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

// ------------------------------------------------------------------ pieces

/** Cells and values that stress the readers: numbers with 100k digits, NUL, bytes that are not UTF-8, quotes, separators. */
const hugeDigits = fc.integer({ min: 1_000, max: 120_000 }).map((n) => `${'9'.repeat(n)}x`);
const hugeText = fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'é'.repeat(n));
const oddText = fc.constantFrom('\u0000', 'a\u0000b', '"', '""', ',', ';', '\n', '\r\n', '\r', '\uFEFF', '\u202e', 'Tromsø', '1e999', '-0', '0150', '2026-02-30', '2026-11-01T10:00:00Z', 'true', 'NaN', '', ' ');
const plainText = fc.string({ maxLength: 12 });
const cellText = fc.oneof({ weight: 6, arbitrary: plainText }, { weight: 3, arbitrary: oddText }, { weight: 2, arbitrary: fc.integer().map(String) }, { weight: 1, arbitrary: hugeDigits }, { weight: 1, arbitrary: hugeText });
/** Byte sequences that are not UTF-8: a Windows-1252 ø, a lone continuation byte, a cut sequence, 0xFF. */
const invalidUtf8 = fc.constantFrom([0xf8], [0x80], [0xe2, 0x82], [0xff, 0xfe], [0xc3]).map((b) => Uint8Array.from(b));

const columnName = fc.oneof(fc.constantFrom('age', 'city', 'vip', 'geo.city', 'tags', 'user_id', 'signup', ''), fc.string({ maxLength: 8 }));

/** Replaces, inserts or deletes bytes at random places: what a truncated download or a bad editor leaves. */
const byteMutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'replace'),
  bytes: fc.oneof(invalidUtf8, fc.uint8Array({ maxLength: 6 }), fc.constantFrom(utf8('\n'), utf8('"'), utf8('{'), utf8(','), Uint8Array.of(0))),
  length: fc.nat({ max: 16 }),
});

function mutateBytes(bytes: Uint8Array, mutations: { at: number; kind: string; bytes: Uint8Array; length: number }[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    const end = Math.min(out.length, at + m.length);
    if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    else if (m.kind === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(end)]);
    else out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(end)]);
  }
  return out;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// ------------------------------------------------------------------ documents

const csvProfiles = fc
  .record({
    extra: fc.array(columnName, { maxLength: 6 }),
    rows: fc.array(fc.array(cellText, { maxLength: 8 }), { maxLength: 40 }),
    withId: fc.boolean(),
  })
  .map(({ extra, rows, withId }) => {
    const header = [...(withId ? ['user_id'] : []), ...extra];
    const lines = [header.map(csvCell).join(','), ...rows.map((cells, i) => [...(withId ? [`u${i % 30}`] : []), ...cells].map(csvCell).join(','))];
    return utf8(`${lines.join('\n')}\n`);
  });

/** JSON values nested up to `depth`, with data-keyed objects (a cart keyed by product ids) and arrays. */
function jsonValue(depth: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(cellText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  if (depth === 0) return leaf;
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(columnName, fc.nat().map((n) => `p${n}`)), jsonValue(depth - 1), { maxKeys: 5 }) },
  );
}

/** A line nested `depth` levels deep: `{"a":{"a":…}}`, written as text (deeper than JSON.stringify would recurse comfortably). */
const deepLine = fc.integer({ min: 20, max: 6_000 }).map((depth) => `{"user_id":"deep","a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);
/** An object with many distinct keys (keyed by data). */
const wideLine = fc.integer({ min: 100, max: 3_000 }).map((keys) => JSON.stringify({ user_id: `w${keys}`, cart: Object.fromEntries(Array.from({ length: keys }, (_, i) => [`p${i * 7919}`, 1])) }));

const jsonlProfiles = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.record({ id: fc.nat({ max: 40 }), rest: fc.dictionary(columnName, jsonValue(3), { maxKeys: 6 }) }).map(({ id, rest }) => JSON.stringify({ user_id: `u${id}`, ...rest })) },
      { weight: 1, arbitrary: deepLine },
      { weight: 1, arbitrary: wideLine },
      { weight: 1, arbitrary: fc.constantFrom('{"user_id":"c1","geo.city":"Oslo","geo":{"city":"Bergen"}}', '[1,2]', 'not json', '{"user_id":', '', '{}', 'null') },
    ),
    { maxLength: 40 },
  )
  .map((lines) => utf8(`${lines.join('\n')}\n`));

const csvEvents = fc
  .array(fc.record({ id: fc.nat({ max: 40 }), event: fc.oneof(fc.constantFrom('purchase', 'view', ''), plainText), time: fc.oneof(fc.constantFrom('2026-10-30T10:00:00Z', '2026-10-31', 'yesterday', ''), cellText), amount: cellText }), { maxLength: 40 })
  .map((rows) => utf8(`user_id,event,timestamp,amount\n${rows.map((r) => [`u${r.id}`, r.event, r.time, r.amount].map(csvCell).join(',')).join('\n')}\n`));

const deepJson = fc.integer({ min: 50, max: 6_000 }).map((depth) => `${'{"attributes":'.repeat(depth)}{}${'}'.repeat(depth)}`);
const configDoc = fc.oneof(
  fc.dictionary(fc.constantFrom('sample', 'events', 'schema', 'idColumn', 'asOf', 'population'), jsonValue(3), { maxKeys: 6 }).map((d) => JSON.stringify(d)),
  deepJson,
  fc.integer({ min: 50, max: 6_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
);
const schemaDoc = fc.oneof(
  fc.dictionary(fc.constantFrom('attributes', 'events'), fc.dictionary(columnName, jsonValue(3), { maxKeys: 5 }), { maxKeys: 2 }).map((d) => JSON.stringify(d)),
  deepJson,
);

function withMutations(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(base, fc.array(byteMutation, { maxLength: 5 })).map(([bytes, ms]) => mutateBytes(bytes, ms));
}

/** A random case of every kind, mutated at the byte level half the time; and now and then pure random bytes. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  withMutations(csvProfiles).map((bytes) => ({ kind: 'csv' as const, bytes })),
  withMutations(jsonlProfiles).map((bytes) => ({ kind: 'jsonl' as const, bytes })),
  withMutations(csvEvents).map((bytes) => ({ kind: 'events' as const, bytes })),
  withMutations(configDoc.map(utf8)).map((bytes) => ({ kind: 'config' as const, bytes })),
  withMutations(schemaDoc.map(utf8)).map((bytes) => ({ kind: 'schema' as const, bytes })),
  fc.tuple(fc.constantFrom<FuzzKind>('csv', 'jsonl', 'events', 'config', 'schema'), fc.uint8Array({ maxLength: 2_000 })).map(([kind, bytes]) => ({ kind, bytes })),
);

// ------------------------------------------------------------------ checking

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'segments-fuzz-')));
const USERS = join(folder, 'users.csv');
writeFileSync(USERS, 'user_id,age\n' + Array.from({ length: 40 }, (_, i) => `u${i},${20 + i}`).join('\n') + '\n');

/** Bytes of the typed arrays (each buffer once) and strings a loaded store holds. */
export function heldBytes(store: SampleStore): number {
  const buffers = new Set<ArrayBufferLike>();
  const seen = new Set<object>();
  let strings = 0;
  const pending: unknown[] = [store];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      strings += value.length * 2;
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      buffers.add(value.buffer);
      continue;
    }
    if (value instanceof Map) for (const [k, v] of value) pending.push(k, v);
    else if (value instanceof Set) for (const v of value) pending.push(v);
    else for (const v of Object.values(value)) pending.push(v);
  }
  let bytes = strings;
  for (const b of buffers) bytes += b.byteLength;
  return bytes;
}

function lineCount(bytes: Uint8Array): number {
  let lines = 1;
  for (const b of bytes) if (b === 10 || b === 13) lines++;
  return lines;
}

/** Every diagnostic names `file` and a line within it (data files: a 0-based position; JSON files: a span inside the text). */
function assertPlaced(diagnostics: Diagnostic[], file: string, bytes: Uint8Array, text?: string): void {
  const lines = lineCount(bytes);
  for (const d of diagnostics) {
    assert.equal(d.file, file, `${d.code} names ${d.file}`);
    assert.ok(typeof d.code === 'string' && d.code.length > 0 && d.message.length > 0, JSON.stringify(d));
    if (d.position) {
      assert.ok(Number.isInteger(d.position.line) && d.position.line >= 0 && d.position.line < lines, `${d.code} on line ${d.position.line + 1} of ${lines}`);
    } else {
      assert.ok(text !== undefined, `${d.code} has no line`);
      assert.ok(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} span ${d.span.start}-${d.span.end} of ${text.length}`);
      assert.ok(new LineIndex(text).positionAt(d.span.start).line < lines);
    }
  }
}

let counter = 0;

/** Removes the scratch folder (call once, when done). */
export function removeFuzzFolder(): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Loads one case as the tools do and asserts what holds on any input (see the top of this file). Returns the codes of its diagnostics. */
export function checkCase(c: FuzzCase): string[] {
  const name = { csv: 'users.csv', jsonl: 'users.jsonl', events: 'events.csv', config: 'segments.config.json', schema: 'schema.json' }[c.kind];
  const file = join(folder, `${counter++}-${name}`);
  writeFileSync(file, c.bytes);
  try {
    return checkWritten(c, file);
  } finally {
    rmSync(file, { force: true });
  }
}

function checkWritten(c: FuzzCase, file: string): string[] {
  if (c.kind === 'config' || c.kind === 'schema') {
    const text = Buffer.from(c.bytes).toString('utf8');
    const { diagnostics } = c.kind === 'config' ? loadConfig(file) : loadSchema(file);
    assertPlaced(diagnostics, file, c.bytes, text);
    return diagnostics.map((d) => d.code);
  }
  const loaded = c.kind === 'events' ? loadSample({ profilesPath: USERS, eventsPath: file, idColumn: 'user_id' }) : loadSample({ profilesPath: file, idColumn: 'user_id' });
  assertPlaced(loaded.diagnostics.filter((d) => d.file === file), file, c.bytes);
  assert.ok(loaded.diagnostics.every((d) => d.file === file || d.file === USERS));
  if (loaded.store) {
    const held = heldBytes(loaded.store);
    const bound = HELD_BYTES_PER_INPUT_BYTE * c.bytes.length + HELD_BYTES_ALLOWANCE;
    assert.ok(held <= bound, `the store holds ${held} bytes for ${c.bytes.length} bytes of input (bound ${bound})`);
  }
  return loaded.diagnostics.map((d) => d.code);
}
