import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCodePoints } from '../../../server/src/core/base/text-order';

const ascending = ['', 'A', 'B', 'Z', 'a', 'ab', 'b', 'z', 'é', 'Ω', '\uE000', '\uFFFF', '😀', '😀a', '🙂'];

test('strings sort by code point, the order of their UTF-8 bytes', () => {
  const sorted = [...ascending].reverse().sort(compareCodePoints);
  assert.deepEqual(sorted, ascending);
  const byUtf8 = [...ascending].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual(byUtf8, ascending);
});

test('equal strings compare as 0, and the sign flips with the order', () => {
  assert.equal(compareCodePoints('Oslo', 'Oslo'), 0);
  assert.ok(compareCodePoints('Oslo', 'oslo') < 0);
  assert.ok(compareCodePoints('oslo', 'Oslo') > 0);
  assert.ok(compareCodePoints('\uE000', '😀') < 0);
  assert.ok(compareCodePoints('😀', '\uE000') > 0);
});
