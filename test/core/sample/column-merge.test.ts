// The pieces of the two-thread CSV load, one by one: joining finished columns
// and masks, joining logs of problem rows, reading a byte range of a file from a
// given line, and finding where to cut a file in two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { concatColumns, concatMasks } from '../../../server/src/core/sample/column-merge';
import { createColumnBuilder, BAD_VALUE_SAMPLES, SampleLog } from '../../../server/src/core/sample/column-builders';
import type { Column, ValueType } from '../../../server/src/core/sample/store';
import { columnLength, maskHas, rowMaskOf } from '../../../server/src/core/sample/store';
import type { JsonCell } from '../../../server/src/core/sample/jsonl';
import { fileByteSource } from '../../../server/src/core/sample/byte-source';
import { readCsv, parseCsv, decodeField } from '../../../server/src/core/sample/csv';
import { findCsvSplit } from '../../../server/src/core/sample/csv-split';
import { plainValue, writeTemp } from './helpers';

/** A finished column of `type` holding `values` (undefined = missing), built as the loaders build one. */
function columnOf(type: ValueType, values: (JsonCell | undefined)[]): Column {
  const builder = createColumnBuilder(type, 'c', false, 4);
  for (const v of values) {
    if (v === undefined) builder.padTo(builder.length + 1);
    else builder.pushJson(v, 1);
  }
  return builder.finish();
}

function assertSameColumn(actual: Column, expected: Column): void {
  assert.equal(actual.type, expected.type);
  const rows = columnLength(expected);
  assert.equal(columnLength(actual), rows);
  for (let r = 0; r < rows; r++) assert.deepEqual(plainValue(actual, r), plainValue(expected, r), `row ${r}`);
  if (expected.type === 'string' || expected.type === 'list') {
    const a = actual as typeof expected;
    assert.deepEqual(a.dictionary, expected.dictionary, 'dictionary in order of first appearance');
    const codes = expected.type === 'string' ? expected.codes : expected.itemCodes;
    const got = a.type === 'string' ? a.codes : (a as typeof expected & { type: 'list' }).itemCodes;
    assert.equal(got.constructor, codes.constructor, 'code width');
  }
  if (expected.type === 'number' || expected.type === 'date') {
    const a = actual as typeof expected;
    assert.deepEqual(Array.from(a.dictionary), Array.from(expected.dictionary), 'sorted distinct dictionary');
    assert.equal(a.codes.constructor, expected.codes.constructor, 'code width');
  }
  assert.equal(actual.missing.length, expected.missing.length, 'mask words');
}

const cellsByType: Record<ValueType, fc.Arbitrary<JsonCell | undefined>> = {
  number: fc.option(fc.oneof(fc.integer({ min: -5, max: 40 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: undefined }),
  date: fc.option(fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)), { nil: undefined }),
  boolean: fc.option(fc.boolean(), { nil: undefined }),
  string: fc.option(fc.constantFrom('Oslo', 'Bergen', 'Göteborg', '🙂', 'a b', 'x'), { nil: undefined }),
  list: fc.option(fc.array(fc.constantFrom('sport', 'travel', 'ø', 'tech'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
};

for (const type of Object.keys(cellsByType) as ValueType[]) {
  test(`joining two ${type} columns gives the column of all their rows`, () => {
    fc.assert(
      fc.property(fc.array(cellsByType[type], { maxLength: 80 }), fc.nat(), (values, at) => {
        const cut = values.length === 0 ? 0 : at % (values.length + 1);
        assertSameColumn(concatColumns(columnOf(type, values.slice(0, cut)), columnOf(type, values.slice(cut))), columnOf(type, values));
      }),
    );
  });
}

test('joined codes widen when the joined dictionary outgrows one byte, then two', () => {
  for (const [type, make] of [
    ['string', (i: number) => `v${i}`],
    ['number', (i: number) => i * 1.5],
  ] as const) {
    // Each part alone fits its width; together they need the next one.
    for (const total of [300, 70_000]) {
      const values = Array.from({ length: total }, (_, i) => make(total - i));
      const cut = Math.floor(total * 0.55);
      const a = columnOf(type, values.slice(0, cut));
      const b = columnOf(type, values.slice(cut));
      const whole = columnOf(type, values);
      const joined = concatColumns(a, b);
      assertSameColumn(joined, whole);
      assert.notEqual((a as { codes: unknown }).codes!.constructor, (joined as { codes: unknown }).codes!.constructor);
    }
  }
});

test('masks join at any bit offset, with no bits past the last row', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 100 }), fc.array(fc.boolean(), { maxLength: 100 }), (a, b) => {
      const joined = concatMasks(rowMaskOf(a), a.length, rowMaskOf(b), b.length);
      assert.deepEqual(Array.from(joined), Array.from(rowMaskOf([...a, ...b])));
      for (let r = 0; r < a.length + b.length; r++) assert.equal(maskHas(joined, r), [...a, ...b][r]);
    }),
  );
});

test('a log joined with a later log, lines shifted, is the log of all the rows', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 14 }), fc.nat(), fc.integer({ min: 0, max: 1000 }), (found, at, shift) => {
      const cut = found.length === 0 ? 0 : at % (found.length + 1);
      const lines = found.map((_, i) => i + 1);
      const whole = new SampleLog<{ line: number; found: number }>();
      lines.forEach((line, i) => whole.note(line + (i >= cut ? shift : 0), () => ({ line: line + (i >= cut ? shift : 0), found: found[i] })));
      const first = new SampleLog<{ line: number; found: number }>();
      const later = new SampleLog<{ line: number; found: number }>();
      lines.forEach((line, i) => (i < cut ? first : later).note(line, () => ({ line, found: found[i] })));
      first.append(later, shift);
      assert.equal(first.count, whole.count);
      assert.deepEqual(first.samples, whole.samples);
      assert.equal(first.firstUnlistedLine, whole.firstUnlistedLine);
      assert.ok(first.samples.length <= BAD_VALUE_SAMPLES);
    }),
  );
});

test('a byte range of a file is read from its first line, with no BOM check past offset 0', () => {
  const text = '\uFEFFid,n\r\nu1,"a\nb"\nu2,2\n\uFEFFu3,3\n';
  const path = writeTemp('range.csv', text);
  const bytes = Buffer.from(text, 'utf8');
  const cut = bytes.indexOf('u2');
  const records: { line: number; fields: string[] }[] = [];
  const read = readCsv(
    fileByteSource(path, { start: cut, end: bytes.length }),
    (b) => {
      for (let r = 0; r < b.count; r++) {
        const fields: string[] = [];
        for (let f = b.recordFields[r]; f < b.recordFields[r + 1]; f++) fields.push(decodeField(b.bytes, b.fieldStart[f], b.fieldEnd[f]));
        records.push({ line: b.recordLine[r], fields });
      }
    },
    { firstLine: 4, bom: false, chunkSize: 16 },
  );
  assert.deepEqual(records, [
    { line: 4, fields: ['u2', '2'] },
    { line: 5, fields: ['\uFEFFu3', '3'] },
  ]);
  assert.equal(read.endLine, 6);
  const head = parseCsv(bytes.subarray(0, cut));
  assert.deepEqual(head.records, [['id', 'n'], ['u1', 'a\nb']]);
  // The first part's tokenizer ends on the line where the second part starts.
  const first = readCsv(fileByteSource(path, { start: 0, end: cut }), () => undefined);
  assert.equal(first.endLine, 4);
  assert.equal(fileByteSource(path, { start: 3, end: 7 }).size, 4);
});

test('the cut follows a line feed outside quotes, past the middle', () => {
  const rows = ['id,note'];
  for (let i = 0; i < 40; i++) rows.push(`u${i},"line one\nline ""two"", ${i}"`);
  const text = rows.join('\n') + '\n';
  const path = writeTemp('cut.csv', text);
  const split = findCsvSplit(path, Buffer.byteLength(text), 0.5)!;
  assert.ok(split >= Buffer.byteLength(text) / 2);
  assert.equal(text[split - 1], '\n');
  assert.ok(text.slice(split).startsWith('u'), 'a record starts at the cut');
  assert.equal(findCsvSplit(writeTemp('open.csv', 'id\n"never closed\n\n\n\n\n'), 16), undefined, 'no cut inside an open quote');
});

test('the cut is found the same way in a file where every field is quoted', () => {
  const rows = ['"id","note"'];
  for (let i = 0; i < 6000; i++) rows.push(`"u${i}","a ""quoted"" word${i % 5 === 0 ? '\nand a second line' : ''}"`);
  const text = rows.join('\n') + '\n';
  const path = writeTemp('dense.csv', text);
  const size = Buffer.byteLength(text);
  // The first line feed past the share with an even number of quotes before it, byte by byte.
  let expected: number | undefined;
  let odd = false;
  for (let k = 0; k < size; k++) {
    if (text.charCodeAt(k) === 34) odd = !odd;
    else if (k >= Math.floor(size * 0.47) && text.charCodeAt(k) === 10 && !odd) {
      expected = k + 1;
      break;
    }
  }
  assert.equal(findCsvSplit(path, size, 0.47), expected);
  assert.ok(text.slice(expected).startsWith('"u'));
});
