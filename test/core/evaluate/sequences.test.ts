// Sequences (docs/language.md#sequences): strictly later, the end of the gap
// included, `with same` asking both values present, `then did not` only once
// its span has ended by the end of the asOf day, chains of three steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoDay } from '../../../server/src/core/base/days';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { makeStore, segmentOf } from './fixtures';

const asOfDay = parseIsoDay('2026-11-01')!;

const store = makeStore({
  types: { age: 'number' },
  profiles: ['exact', 'late', 'same_instant', 'pending', 'abandoned', 'bought', 'same_product', 'other_product', 'no_product', 'chain', 'broken_chain', 'offset', 'millis', 'nothing'].map((id) => ({ id, age: 1 })),
  eventTypes: { product_id: 'string' },
  events: [
    // a purchase exactly one day after the cart: in
    { id: 'exact', event: 'add_to_cart', timestamp: '2026-10-10T10:00:00Z' },
    { id: 'exact', event: 'purchase', timestamp: '2026-10-11T10:00:00Z' },
    // one second later: out
    { id: 'late', event: 'add_to_cart', timestamp: '2026-10-10T10:00:00Z' },
    { id: 'late', event: 'purchase', timestamp: '2026-10-11T10:00:01Z' },
    // the same instant: not a sequence
    { id: 'same_instant', event: 'add_to_cart', timestamp: '2026-10-10T10:00:00Z' },
    { id: 'same_instant', event: 'purchase', timestamp: '2026-10-10T10:00:00Z' },
    // a cart ten minutes before the end of the data: the day has not passed, not yet abandoned
    { id: 'pending', event: 'add_to_cart', timestamp: '2026-11-01T23:50:00Z' },
    // a day that ended exactly at midnight after asOf is still not "before" it
    { id: 'abandoned', event: 'add_to_cart', timestamp: '2026-10-31T23:59:59Z' },
    { id: 'bought', event: 'add_to_cart', timestamp: '2026-10-30T08:00:00Z' },
    { id: 'bought', event: 'purchase', timestamp: '2026-10-30T20:00:00Z' },
    // viewed, then bought that product (in) or another one (out); a view without a product id
    { id: 'same_product', event: 'product_view', timestamp: '2026-10-20T10:00:00Z', product_id: 'p1' },
    { id: 'same_product', event: 'purchase', timestamp: '2026-10-22T10:00:00Z', product_id: 'p1' },
    { id: 'other_product', event: 'product_view', timestamp: '2026-10-20T10:00:00Z', product_id: 'p1' },
    { id: 'other_product', event: 'purchase', timestamp: '2026-10-21T10:00:00Z', product_id: 'p2' },
    { id: 'no_product', event: 'product_view', timestamp: '2026-10-20T10:00:00Z' },
    { id: 'no_product', event: 'purchase', timestamp: '2026-10-21T10:00:00Z' },
    // search → view within 10 minutes → purchase within a day
    { id: 'chain', event: 'search', timestamp: '2026-10-20T10:00:00Z' },
    { id: 'chain', event: 'product_view', timestamp: '2026-10-20T10:10:00Z' },
    { id: 'chain', event: 'purchase', timestamp: '2026-10-21T10:10:00Z' },
    { id: 'broken_chain', event: 'search', timestamp: '2026-10-20T10:00:00Z' },
    { id: 'broken_chain', event: 'product_view', timestamp: '2026-10-20T10:10:01Z' },
    { id: 'broken_chain', event: 'purchase', timestamp: '2026-10-20T10:20:00Z' },
    // 23:30 at −02:00 is 01:30 UTC the next day; the purchase at 02:00Z is 30 minutes later
    { id: 'offset', event: 'add_to_cart', timestamp: '2026-10-31T23:30:00-02:00' },
    { id: 'offset', event: 'purchase', timestamp: '2026-11-01T02:00:00Z' },
    // half a second later is strictly later
    { id: 'millis', event: 'add_to_cart', timestamp: '2026-10-10T10:00:00Z' },
    { id: 'millis', event: 'purchase', timestamp: '2026-10-10T10:00:00.500Z' },
  ],
});

const evaluator = new Evaluator(store, { asOfDay });

function members(condition: string): string[] {
  return evaluator.memberIds(segmentOf(condition), new Map());
}

const cases: [condition: string, expected: string[]][] = [
  ['did add_to_cart then did purchase within 1 day', ['exact', 'bought', 'offset', 'millis']],
  ['did add_to_cart then did purchase within 86399 minutes', ['exact', 'late', 'bought', 'offset', 'millis']],
  ['did add_to_cart then did purchase within 30 minutes', ['offset', 'millis']],
  ['did add_to_cart then did purchase within 0 minutes', []],
  // A purchase at the cart's own instant is not after it: the cart counts as abandoned.
  ['did add_to_cart then did not purchase within 1 day', ['late', 'same_instant', 'abandoned']],
  ['did add_to_cart within last 1 day then did not purchase within 1 day', ['abandoned']],
  // 23:50 + 10 minutes is midnight after asOf: that span has not ended before it.
  ['did add_to_cart then did not purchase within 10 minutes', ['exact', 'late', 'same_instant', 'abandoned', 'bought', 'offset']],
  ['did not add_to_cart then did not purchase within 1 day', ['exact', 'pending', 'bought', 'same_product', 'other_product', 'no_product', 'chain', 'broken_chain', 'offset', 'millis', 'nothing']],
  ['did product_view then did purchase within 3 days with same product_id', ['same_product']],
  // A view without a product id: no purchase can have the same one.
  ['did product_view then did not purchase within 3 days with same product_id', ['other_product', 'no_product', 'chain', 'broken_chain']],
  ['did product_view then did not purchase within 3 days', []],
  ['did search then did product_view within 10 minutes then did purchase within 1 day', ['chain']],
  ['did search then did product_view within 11 minutes then did not purchase within 1 hour', ['chain']],
  ['not (did add_to_cart then did purchase within 1 week)', ['same_instant', 'pending', 'abandoned', 'same_product', 'other_product', 'no_product', 'chain', 'broken_chain', 'nothing']],
];

for (const [condition, expected] of cases) {
  test(`${condition} → ${expected.join(', ') || 'nobody'}`, () => {
    assert.deepEqual(members(condition), expected);
  });
}

test('editing another condition of a segment with a sequence reuses the sequence', () => {
  const ev = new Evaluator(store, { asOfDay });
  ev.countSegment(segmentOf('age > 0 and did add_to_cart then did not purchase within 1 day'), new Map());
  const computed = ev.stats.computedConditions;
  ev.countSegment(segmentOf('age > 0.5 and did add_to_cart then did not purchase within 1 day'), new Map());
  assert.equal(ev.stats.computedConditions, computed + 1);
});
