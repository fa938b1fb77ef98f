import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAttribute, histogramBins } from '../../../server/src/core/insight/compare-attribute';
import { makeColumn } from '../evaluate/fixtures';

test('top values of text: member and everyone counts, shares, lift; missing apart', () => {
  const city = makeColumn('city', 'string', ['Oslo', 'Oslo', 'Bergen', null, 'Oslo', 'Bergen', 'Tromsø', 'Oslo']);
  const c = compareAttribute(city, [0, 1, 3, 4], 8);
  assert.equal(c.shape, 'values');
  const oslo = c.buckets[0];
  assert.deepEqual([oslo.label, oslo.members, oslo.everyone], ['Oslo', 3, 4]);
  assert.equal(oslo.memberShare, 3 / 4);
  assert.equal(oslo.lift, (3 / 4) / (4 / 8));
  assert.deepEqual([c.missing.members, c.missing.everyone], [1, 1]);
  assert.equal(c.difference, Math.max(3 / 4 - 4 / 8, 2 / 8, 1 / 8, 1 / 4 - 1 / 8));
});

test('lists count each item once per profile; booleans as true and false', () => {
  const interests = makeColumn('interests', 'list', [['sport', 'sport', 'travel'], ['travel'], null]);
  const c = compareAttribute(interests, [0], 3);
  assert.deepEqual(c.buckets.map((b) => [b.label, b.members, b.everyone]), [['travel', 1, 2], ['sport', 1, 1]]); // ties: the more common overall first
  const vip = compareAttribute(makeColumn('vip', 'boolean', [true, false, true]), [0, 1], 3);
  assert.deepEqual(vip.buckets.map((b) => [b.label, b.members, b.everyone]), [['true', 1, 2], ['false', 1, 1]]);
});

test('numbers and dates as histograms on round ranges', () => {
  const age = makeColumn('age', 'number', [18, 22, 35, 47, 61, 79]);
  const c = compareAttribute(age, [0, 1], 6);
  assert.equal(c.shape, 'histogram');
  assert.equal(c.buckets.reduce((n, b) => n + b.everyone, 0), 6);
  assert.equal(c.buckets.reduce((n, b) => n + b.members, 0), 2);
  assert.equal(c.buckets[0].label, '10–20');
  // Whole numbers get whole ranges, one value each when the range is short.
  assert.deepEqual(histogramBins(new Float64Array([0, 1, 2, 3]), 'number').labels, ['0', '1', '2', '3']);
  assert.deepEqual(histogramBins(new Float64Array([0, 0.25, 1.5]), 'number').labels.slice(0, 2), ['0–0.2', '0.2–0.4']);
  const bins = histogramBins(new Float64Array([20_000, 20_010]), 'date');
  assert.match(bins.labels[0], /^2024-10-\d\d–2024-10-\d\d$/);
});
