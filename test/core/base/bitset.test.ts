import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  andBits,
  andNotBits,
  bitsetToIndices,
  countInRange,
  countBits,
  emptyBitset,
  fullBitset,
  hasBit,
  notBits,
  orBits,
  setBit,
} from '../../../server/src/core/base/bitset';

function fromRows(size: number, rows: number[]) {
  const bits = emptyBitset(size);
  for (const r of rows) setBit(bits, r);
  return bits;
}

for (const size of [0, 1, 31, 32, 33, 64, 70]) {
  test(`size ${size}: not, full and counts never reach past the last row`, () => {
    assert.equal(countBits(fullBitset(size)), size);
    assert.equal(countBits(notBits(emptyBitset(size), size)), size);
    assert.equal(countBits(notBits(fullBitset(size), size)), 0);
    const some = fromRows(size, [0, size - 1].filter((r) => r >= 0));
    assert.equal(countBits(some) + countBits(notBits(some, size)), size);
  });
}

test('and, or, and-not and indices agree with sets of rows', () => {
  const a = fromRows(70, [0, 5, 31, 32, 69]);
  const b = fromRows(70, [5, 32, 33, 68]);
  assert.deepEqual(Array.from(bitsetToIndices(andBits(a, b))), [5, 32]);
  assert.deepEqual(Array.from(bitsetToIndices(orBits(a, b))), [0, 5, 31, 32, 33, 68, 69]);
  assert.deepEqual(Array.from(bitsetToIndices(andNotBits(a, b))), [0, 31, 69]);
  assert.ok(hasBit(a, 31) && !hasBit(a, 30));
});

test('countInRange counts the set rows of any range, across word boundaries', () => {
  const rows = [0, 3, 31, 32, 40, 63, 64, 65, 99];
  const bits = fromRows(100, rows);
  for (let start = 0; start <= 100; start++) {
    for (let end = start; end <= 100; end++) {
      const expected = rows.filter((r) => r >= start && r < end).length;
      assert.equal(countInRange(bits, start, end), expected, `[${start}, ${end})`);
    }
  }
});
