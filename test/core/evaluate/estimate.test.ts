import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateSize } from '../../../server/src/core/evaluate/estimate';

// Computed by hand with z = 1.959964, z² = 3.841459:
// k = 50, n = 100: p̂ = 0.5, 1 + z²/n = 1.0384146, centre = (0.5 + 0.0192073) / 1.0384146 = 0.5,
// margin = 1.959964 × √(0.0025 + 0.0000960) / 1.0384146 = 1.959964 × 0.0509513 / 1.0384146 = 0.0961683,
// so [0.4038317, 0.5961683] × 1000 → [404, 596].
test('half of a sample of 100, population 1000: 500 in [404, 596]', () => {
  assert.deepEqual(estimateSize(50, 100, 1000), { estimate: 500, low: 404, high: 596 });
});

// k = 0, n = 1000: p̂ = 0, centre = margin = (z²/2000) / (1 + z²/1000) = 0.0019207 / 1.0038415 = 0.0019134,
// high = 0.0038268 × 2,400,000 = 9184.2.
test('nobody in the sample still allows a small audience: 0 in [0, 9184]', () => {
  assert.deepEqual(estimateSize(0, 1000, 2_400_000), { estimate: 0, low: 0, high: 9184 });
});

// k = n = 10: p̂ = 1, high = 1 × P exactly; low = (1.1920730 − 0.1920730·…) — worked out: 0.7224672 × 500 = 361.2.
test('everybody in the sample: the interval ends at the population', () => {
  assert.deepEqual(estimateSize(10, 10, 500), { estimate: 500, low: 361, high: 500 });
});

test('a small share of a large population', () => {
  // k = 123, n = 1000, P = 2.4M: p̂ = 0.123, interval [0.1040741, 0.1448112].
  assert.deepEqual(estimateSize(123, 1000, 2_400_000), { estimate: 295_200, low: 249_778, high: 347_547 });
});

test('no sample, or counts that are not counts, give no estimate', () => {
  assert.equal(estimateSize(0, 0, 1000), undefined);
  assert.equal(estimateSize(5, 3, 1000), undefined);
  assert.equal(estimateSize(-1, 3, 1000), undefined);
  assert.equal(estimateSize(1, 3, Number.NaN), undefined);
});
