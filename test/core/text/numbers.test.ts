import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCount } from '../../../server/src/core/text/numbers';

test('counts read as en-US prints them, without loading the locale data', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ min: -1e15, max: 1e15, noNaN: true })), (n) => {
      const rounded = Math.round(n);
      if (Object.is(rounded, -0)) return;
      assert.equal(formatCount(n), rounded.toLocaleString('en-US'));
    }),
  );
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(-1000), '-1,000');
  assert.equal(formatCount(999.6), '1,000');
  assert.equal(formatCount(-0.2), '0', 'never "-0"');
  assert.equal(formatCount(2 ** 60), (2 ** 60).toLocaleString('en-US'));
});
