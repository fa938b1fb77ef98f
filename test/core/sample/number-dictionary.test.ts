// Number columns are dictionary-encoded: the codes must follow the order of the
// values, whatever order they arrive in, so that a range of values is a range of codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeNumbers, lowerBound, NumberDictionary, upperBound } from '../../../server/src/core/sample/number-dictionary';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import { isMissing, valueAt, type NumberColumn } from '../../../server/src/core/sample/store';
import { writeTemp } from './helpers';

test('codes index the distinct values in ascending order', () => {
  const values = [30, 5.5, -2, 30, 1e9, 5.5, -0, 0];
  const { codes, dictionary } = encodeNumbers(values, () => false);
  assert.deepEqual(Array.from(dictionary), [-2, 0, 5.5, 30, 1e9]);
  assert.deepEqual(Array.from(codes, (c) => dictionary[c]), [30, 5.5, -2, 30, 1e9, 5.5, 0, 0]);
  assert.ok(codes instanceof Uint8Array);
});

test('missing rows take no dictionary entry', () => {
  const { dictionary } = encodeNumbers([1, 99, 2], (row) => row === 1);
  assert.deepEqual(Array.from(dictionary), [1, 2]);
});

test('codes widen to two and four bytes as distinct values grow', () => {
  assert.ok(encodeNumbers(Array.from({ length: 255 }, (_, i) => i * 0.5), () => false).codes instanceof Uint8Array);
  assert.ok(encodeNumbers(Array.from({ length: 300 }, (_, i) => i * 0.5), () => false).codes instanceof Uint16Array);
  const many = Array.from({ length: 70_000 }, (_, i) => 70_000 - i);
  const { codes, dictionary } = encodeNumbers(many, () => false);
  assert.ok(codes instanceof Int32Array);
  assert.equal(dictionary[codes[0]], 70_000);
  assert.equal(dictionary[codes[69_999]], 1);
});

test('any values: decoding gives them back and the dictionary is sorted and distinct', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true })), { maxLength: 400 }), (values) => {
      const { codes, dictionary } = encodeNumbers(values, () => false);
      values.forEach((v, i) => assert.ok(dictionary[codes[i]] === v, `row ${i}: ${v}`));
      for (let k = 1; k < dictionary.length; k++) assert.ok(dictionary[k - 1] < dictionary[k]);
      assert.equal(dictionary.length, new Set(values.map((v) => (v === 0 ? 0 : v))).size);
    }),
  );
});

test('lowerBound and upperBound find where a value starts and ends', () => {
  const sorted = Float64Array.of(1, 3, 5);
  assert.deepEqual([0, 1, 2, 3, 5, 6].map((x) => lowerBound(sorted, x)), [0, 0, 1, 1, 2, 3]);
  assert.deepEqual([0, 1, 2, 3, 5, 6].map((x) => upperBound(sorted, x)), [0, 1, 1, 2, 3, 3]);
  assert.equal(lowerBound(sorted, -Infinity), 0);
  assert.equal(upperBound(sorted, Infinity), 3);
});

test('a run of one value is answered without a new entry', () => {
  const dictionary = new NumberDictionary();
  assert.equal(dictionary.codeOf(7), 0);
  assert.equal(dictionary.codeOf(7), 0);
  assert.equal(dictionary.codeOf(-0), 1);
  assert.equal(dictionary.codeOf(0), 1);
  assert.equal(dictionary.size, 2);
});

test('a loaded CSV number column holds its values through the sorted dictionary', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? '' : String((i * 37) % 301)));
  const path = writeTemp('numbers.csv', 'user_id,n\n' + rows.map((n, i) => `u${i},${n}`).join('\n') + '\n');
  const { store } = loadSample({ profilesPath: path, idColumn: 'user_id' });
  const column = store!.profiles.columns.get('n') as NumberColumn;
  assert.ok(column.codes instanceof Uint16Array, 'more than 255 distinct values take two bytes');
  rows.forEach((text, row) => {
    if (text === '') assert.ok(isMissing(column, row), `row ${row} is missing`);
    else assert.equal(valueAt(column, row), Number(text), `row ${row}`);
  });
});
