import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyBitset, setBit } from '../../../server/src/core/base/bitset';
import { overlapOf } from '../../../server/src/core/insight/overlap';

function bits(size: number, rows: number[]) {
  const b = emptyBitset(size);
  for (const r of rows) setBit(b, r);
  return b;
}

test('both, the share of each and Jaccard', () => {
  const o = overlapOf(bits(100, [1, 2, 3, 40, 70]), bits(100, [2, 3, 70, 99]));
  assert.deepEqual(o, { a: 5, b: 4, both: 3, shareOfA: 3 / 5, shareOfB: 3 / 4, jaccard: 3 / 6 });
});

test('empty segments share nothing and divide by nothing', () => {
  assert.deepEqual(overlapOf(bits(10, []), bits(10, [])), { a: 0, b: 0, both: 0, shareOfA: 0, shareOfB: 0, jaccard: 0 });
});
