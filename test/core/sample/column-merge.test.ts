// Joining the two parts of a two-thread CSV load: finished columns, masks and
// logs of problem rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { concatColumns, concatMasks } from '../../../server/src/core/sample/column-merge';
import { createColumnBuilder, BAD_VALUE_SAMPLES, SampleLog } from '../../../server/src/core/sample/column-builders';
import type { Column } from '../../../server/src/core/sample/store';
import type { ValueType } from '../../../server/src/core/base/value-type';
import { columnLength, rowMaskOf } from '../../../server/src/core/sample/store';
import { hasBit } from '../../../server/src/core/base/bitset';
import type { JsonCell } from '../../../server/src/core/sample/jsonl';
import { plainValue } from './helpers';

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
      for (let r = 0; r < a.length + b.length; r++) assert.equal(hasBit(joined, r), [...a, ...b][r]);
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
