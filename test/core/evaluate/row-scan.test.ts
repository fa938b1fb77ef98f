import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyBitset, setBit } from '../../../server/src/core/base/bitset';
import { bitsAt } from '../../../server/src/core/evaluate/row-scan';

test('bitsAt reads up to 31 bits from any position, also across a word boundary and at the end', () => {
  const rows = [0, 5, 30, 31, 32, 33, 63, 64, 70];
  const bits = emptyBitset(71);
  for (const r of rows) setBit(bits, r);
  for (let start = 0; start <= 71; start++) {
    for (let length = 0; length < 32 && start + length <= 71; length++) {
      let expected = 0;
      for (const r of rows) if (r >= start && r < start + length) expected |= 1 << (r - start);
      assert.equal(bitsAt(bits, start, length), expected, `start ${start}, length ${length}`);
    }
  }
});
