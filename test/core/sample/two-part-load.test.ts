// The profile CSV read by two threads (a worker reads the second part) must give
// exactly what one thread gives: every value, type, id and diagnostic, with its
// line and message. Real files and a real worker thread: the worker script is
// bundled with esbuild as the build bundles it (a worker cannot load .ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import type { LoadSampleResult } from '../../../server/src/core/sample/load-sample';
import type { CsvPartWorkerOptions } from '../../../server/src/core/sample/csv-part';
import { findCsvSplit } from '../../../server/src/core/sample/csv-split';
import { SNIFF_ROWS } from '../../../server/src/core/sample/infer';
import { describe, profileRows, writeTemp } from './helpers';

let bundleDir: string;
let worker: CsvPartWorkerOptions;

before(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'segments-csv-part-'));
  const script = join(bundleDir, 'csv-part-worker.mjs');
  buildSync({
    entryPoints: [new URL('../../../server/src/core/sample/csv-part-worker.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'error',
  });
  // Any file splits, however small.
  worker = { script, minFileBytes: 1 };
});

after(() => rmSync(bundleDir, { recursive: true, force: true }));

function loadBothWays(path: string, chunkSize?: number): { one: LoadSampleResult; two: LoadSampleResult } {
  const one = loadSample({ profilesPath: path, idColumn: 'id', chunkSize });
  const two = loadSample({ profilesPath: path, idColumn: 'id', chunkSize, csvPartWorker: worker });
  return { one, two };
}

/** Same profiles (values, ids, column types and order) and same diagnostics. */
function assertSameLoad(one: LoadSampleResult, two: LoadSampleResult): void {
  assert.deepEqual(describe(two.diagnostics), describe(one.diagnostics));
  assert.equal(Boolean(two.store), Boolean(one.store));
  if (!one.store || !two.store) return;
  const a = one.store.profiles;
  const b = two.store.profiles;
  assert.deepEqual(
    [...b.columns.values()].map((c) => [c.name, c.type]),
    [...a.columns.values()].map((c) => [c.name, c.type]),
  );
  assert.deepEqual(profileRows(b), profileRows(a));
  for (const [name, column] of a.columns) {
    const other = b.columns.get(name)!;
    if (column.type === 'string' || column.type === 'list') assert.deepEqual((other as typeof column).dictionary, column.dictionary, name);
    if (column.type === 'number' || column.type === 'date') {
      assert.deepEqual(Array.from((other as typeof column).dictionary), Array.from(column.dictionary), name);
      assert.equal((other as typeof column).codes.constructor, column.codes.constructor, name);
    }
  }
}

// ---------------------------------------------------------------- generated files

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Oslo', 'Bergen', 'Göteborg', 'Zürich', '東京', '🙂', 'a b', '') },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', 'ø', ',', '"', '\n', '\r\n', ' '), { minLength: 1, maxLength: 6 }).map((cs) => cs.join('')) },
);

const rowArbitrary = fc.record({
  id: fc.oneof(
    { weight: 12, arbitrary: fc.constant('fresh') },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', 'repeat') },
  ),
  n: fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.constant(''), fc.constant('1.5e3')),
  s: text,
  l: fc.oneof(fc.constant(''), fc.array(fc.constantFrom('sport', 'travel', 'ø', ' x '), { minLength: 1, maxLength: 3 }).map((x) => x.join(';'))),
  d: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 400 }).map((k) => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10)), fc.constant('2024-02-03T23:30:00Z')),
  b: fc.constantFrom('true', 'FALSE', '', 'True'),
  width: fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-2, 1) }),
});

/** A field as CSV: quoted when it must be, sometimes when it need not be. */
function csvField(value: string, quoteAnyway: boolean): string {
  return quoteAnyway || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const fileArbitrary = fc.record({
  rows: fc.array(fc.tuple(rowArbitrary, fc.boolean()), { minLength: 1, maxLength: 120 }),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  blankLines: fc.boolean(),
});

test('generated files load the same with two threads as with one', () => {
  let split = 0;
  let run = 0;
  fc.assert(
    fc.property(fileArbitrary, fc.constantFrom(undefined, 64), (file, chunkSize) => {
      const eol = file.crlf ? '\r\n' : '\n';
      const lines = ['id,n,s,l,d,b'];
      file.rows.forEach(([row, quote], i) => {
        const id = row.id === 'fresh' ? `p${i}` : row.id === 'repeat' ? 'p0' : row.id;
        const fields = [id, row.n, row.s, row.l, row.d, row.b].map((v) => csvField(v, quote));
        const width = fields.length + row.width;
        lines.push((width < fields.length ? fields.slice(0, width) : [...fields, ...Array(width - fields.length).fill('extra')]).join(','));
        if (file.blankLines && i % 17 === 5) lines.push('');
      });
      const content = (file.bom ? '\uFEFF' : '') + lines.join(eol) + (file.finalNewline ? eol : '');
      const path = writeTemp(`gen-${run++}.csv`, content);
      const { one, two } = loadBothWays(path, chunkSize);
      assertSameLoad(one, two);
      assert.equal(one.profileThreads, 1);
      if (two.profileThreads === 2) split++;
    }),
    { numRuns: 40 },
  );
  // Most files are cut (tiny ones, and cuts that land in an open quote, are not).
  assert.ok(split >= 20, `only ${split} of 40 files were read by two threads`);
});

// ---------------------------------------------------------------- cases the generator rarely makes

/** `count` rows of `row(i)` (1-based data row i is on line i + 1) after `header`. */
function csv(header: string, count: number, row: (i: number) => string): string {
  const lines = [header];
  for (let i = 1; i <= count; i++) lines.push(row(i));
  return lines.join('\n') + '\n';
}

test('values that do not fit, rows without id and a text-only-later column in the second part keep their lines', () => {
  const rows = SNIFF_ROWS + 6000;
  const content = csv('id,score,late,code', rows, (i) => {
    const late = i > SNIFF_ROWS + 1000 && i % 3 === 0 ? `t${i}` : String(i % 97);
    const score = i > SNIFF_ROWS + 2000 && i % 1000 === 7 ? 'n/a' : String(i % 13);
    const id = i > SNIFF_ROWS + 3000 && i % 900 === 1 ? '' : `u${i}`;
    return `${id},${score},${late},${i % 11}`;
  });
  const path = writeTemp('late.csv', content);
  const { one, two } = loadBothWays(path);
  assert.equal(two.profileThreads, 2);
  assertSameLoad(one, two);
  const codes = describe(one.diagnostics).map((d) => d.split(' ')[1]);
  assert.ok(codes.includes('sample-missing-id') && codes.includes('sample-column-read-as-text'), codes.join());
  const split = findCsvSplit(path, statSync(path).size, 0.47)!;
  const firstLineAfterCut = content.slice(0, split).split('\n').length;
  const retyped = one.diagnostics.filter((d) => d.code === 'sample-column-read-as-text').map((d) => d.position!.line + 1);
  assert.equal(retyped.length, 2);
  assert.ok(retyped.every((line) => line > firstLineAfterCut), 'the values that do not fit are all in the second part');
  assert.equal(two.store!.profiles.columns.get('late')!.type, 'string');
  assert.equal(two.store!.profiles.columns.get('score')!.type, 'string');
});

test('a duplicate id across the two parts is the same error as with one thread', () => {
  const content = csv('id,n', 4000, (i) => `${i === 3900 ? 'u17' : `u${i}`},${i}`);
  const { one, two } = loadBothWays(writeTemp('dup.csv', content));
  assert.equal(two.profileThreads, 2);
  assert.equal(two.store, undefined);
  assertSameLoad(one, two);
  assert.match(describe(two.diagnostics).join('\n'), /error sample-duplicate-id 3901: Profile id `u17` appears on line 18 and again on line 3901/);
});

test('a column with more than 65,535 distinct values, split between the parts, widens its codes', () => {
  const content = csv('id,name,amount', 70_000, (i) => `u${i},name ${i},${i * 3}`);
  const { one, two } = loadBothWays(writeTemp('wide.csv', content));
  assert.equal(two.profileThreads, 2);
  assertSameLoad(one, two);
  const name = two.store!.profiles.columns.get('name')!;
  assert.ok(name.type === 'string' && name.codes instanceof Int32Array);
});

test('a stray quote that fools the quote count: the cut is caught and one thread reads the file', () => {
  // The quote in `5" screen` (unquoted, so literal text) makes the count odd; the cut
  // then lands on the line feed inside the next quoted field.
  const content = csv('id,note', 400, (i) => (i === 2 ? `u${i},5" screen` : i % 20 === 0 ? `u${i},"two\nlines"` : `u${i},plain`));
  const path = writeTemp('stray.csv', content);
  const split = findCsvSplit(path, statSync(path).size, 0.47)!;
  assert.ok(/"two\n$/.test(content.slice(0, split)), 'the quote count puts the cut inside a quoted field');
  const { one, two } = loadBothWays(path);
  assert.equal(two.profileThreads, 1);
  assertSameLoad(one, two);
  assert.deepEqual(describe(one.diagnostics), []);
});

test('an unclosed quote in the second part is reported on its line', () => {
  const content = csv('id,note', 300, (i) => (i === 250 ? `u${i},"never closed` : `u${i},x`));
  const { one, two } = loadBothWays(writeTemp('unclosed.csv', content));
  assert.equal(two.profileThreads, 2);
  assertSameLoad(one, two);
  assert.match(describe(two.diagnostics).join('\n'), /warning sample-unclosed-quote 251:/);
});

test('a worker script that cannot load leaves the load to one thread', () => {
  const content = csv('id,n', 200, (i) => `u${i},${i}`);
  const path = writeTemp('noscript.csv', content);
  const broken = writeTemp('broken-worker.mjs', 'throw new Error("broken");\n');
  for (const script of [broken, join(bundleDir, 'missing.mjs')]) {
    const started = Date.now();
    const two = loadSample({ profilesPath: path, idColumn: 'id', csvPartWorker: { script, minFileBytes: 1 } });
    assert.equal(two.profileThreads, 1);
    assertSameLoad(loadSample({ profilesPath: path, idColumn: 'id' }), two);
    assert.ok(Date.now() - started < 10_000);
  }
});

test('progress reaches 1 and never goes back with two threads', () => {
  const content = csv('id,n,s', 5000, (i) => `u${i},${i},s${i % 7}`);
  const seen: number[] = [];
  const two = loadSample({ profilesPath: writeTemp('progress.csv', content), idColumn: 'id', chunkSize: 4096, csvPartWorker: worker, onProgress: (f) => seen.push(f) });
  assert.equal(two.profileThreads, 2);
  assert.equal(seen.at(-1), 1);
  assert.ok(seen.length > 5);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1]);
});

test('files under the threshold, and loads with a row limit, stay on one thread', () => {
  const path = writeTemp('small.csv', csv('id,n', 100, (i) => `u${i},${i}`));
  assert.equal(loadSample({ profilesPath: path, idColumn: 'id', csvPartWorker: { ...worker, minFileBytes: 1_000_000 } }).profileThreads, 1);
  assert.equal(loadSample({ profilesPath: path, idColumn: 'id', rowLimit: 50, csvPartWorker: worker }).profileThreads, 1);
});
