// `did …` conditions (docs/language.md#events): counts, windows with both ends included,
// where-filters on event properties, "the count alone decides".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoDay } from '../../../server/src/core/base/days';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { windowDays } from '../../../server/src/core/evaluate/event-conditions';
import { exprOf, makeStore, segmentOf } from './fixtures';

const asOfDay = parseIsoDay('2026-11-01')!;

const store = makeStore({
  types: { age: 'number' },
  profiles: [{ id: 'a', age: 20 }, { id: 'b', age: 30 }, { id: 'c', age: 40 }, { id: 'd', age: 50 }],
  eventTypes: { amount: 'number', coupon: 'string', category: 'string' },
  events: [
    { id: 'a', event: 'purchase', timestamp: '2026-10-31T10:00:00Z', amount: 50, coupon: 'FALL' },
    { id: 'a', event: 'purchase', timestamp: '2026-10-02T00:00:00Z', amount: 5 },
    { id: 'a', event: 'purchase', timestamp: '2026-09-01T12:00:00Z', amount: 100 },
    { id: 'a', event: 'product_view', timestamp: '2026-10-30T09:00:00Z', category: 'shoes' },
    // 23:30 at UTC−2 is 01:30 UTC on the 26th: the event counts on 2026-10-26.
    { id: 'b', event: 'purchase', timestamp: '2026-10-25T23:30:00-02:00', amount: 20 },
    { id: 'b', event: 'Order Completed', timestamp: '2026-10-01T00:00:00Z' },
    { id: 'c', event: 'product_view', timestamp: '2026-10-22T00:00:00Z', category: 'hats' },
    { id: 'c', event: 'product_view', timestamp: '2026-10-20T00:00:00Z', category: 'shoes' },
    { id: 'c', event: 'product_view', timestamp: '2026-10-21T00:00:00Z', category: 'shoes' },
    { id: 'nobody-knows', event: 'purchase', timestamp: '2026-10-31T00:00:00Z', amount: 1 },
  ],
});

const evaluator = new Evaluator(store, { asOfDay });

function members(condition: string): string[] {
  return evaluator.memberIds(segmentOf(condition), new Map());
}

const cases: [condition: string, expected: string[]][] = [
  ['did purchase', ['a', 'b']],
  ['did not purchase', ['c', 'd']],
  ['not did purchase', ['c', 'd']],
  ['did purchase at least 2 times', ['a']],
  ['did purchase at least 3 times', ['a']],
  ['did purchase at least 4 times', []],
  // the count alone decides: profiles without any such event have count 0
  ['did purchase at most 1 times', ['b', 'c', 'd']],
  ['did purchase at most 0 times', ['c', 'd']],
  ['did purchase exactly 1 times', ['b']],
  ['did purchase exactly 0 times', ['c', 'd']],
  ['did not purchase at most 1 times', ['a']],
  // event names match exactly
  ['did "Order Completed"', ['b']],
  ['did Purchase', []],
  ['did "order completed"', []],
  // an event the sample never saw: everyone has count 0
  ['did refund', []],
  ['did not refund', ['a', 'b', 'c', 'd']],
  ['did refund at most 1 times', ['a', 'b', 'c', 'd']],
  // windows, asOf 2026-11-01: 30 days back is 2026-10-02, included
  ['did purchase within last 30 days', ['a', 'b']],
  ['did purchase at least 2 times within last 30 days', ['a']],
  ['did purchase at least 2 times within last 29 days', []],
  ['did purchase within last 6 days', ['a', 'b']],
  ['did purchase within last 5 days', ['a']],
  ['did purchase within last 2 months', ['a', 'b']],
  ['did purchase at least 3 times within last 2 months', ['a']],
  ['did purchase at least 3 times within last 1 month', []],
  ['did purchase since 2026-10-26', ['a', 'b']],
  ['did purchase since 2026-10-27', ['a']],
  ['did purchase since 2026-10-26T12:00:00Z', ['a', 'b']],
  ['did purchase between 2026-09-01 and 2026-10-02', ['a']],
  ['did purchase at least 2 times between 2026-09-01 and 2026-10-02', ['a']],
  ['did purchase between 2026-09-02 and 2026-10-01', []],
  ['did purchase between 2026-10-26 and 2026-10-26', ['b']],
  ['did purchase exactly 0 times within last 5 days', ['b', 'c', 'd']],
  // where filters the events on their own properties
  ['did purchase where (amount > 10)', ['a', 'b']],
  ['did purchase where (amount >= 100)', ['a']],
  ['did purchase where (amount > 10) at least 2 times', ['a']],
  ['did purchase where (amount > 10) at least 2 times within last 30 days', []],
  ['did purchase where (amount > 10 and amount < 60) at least 2 times', []],
  ['did purchase where (coupon = "FALL")', ['a']],
  // missing property values: `!=` is false on them, `not (… = …)` is true
  ['did purchase where (coupon != "FALL")', []],
  ['did purchase where (not (coupon = "FALL"))', ['a', 'b']],
  ['did purchase where (coupon is missing) at least 2 times', ['a']],
  ['did product_view where (category = "shoes") at least 2 times', ['c']],
  ['did product_view where (category = "shoes") at least 3 times', []],
  ['did product_view where (category in ("shoes", "hats")) exactly 3 times', ['c']],
  ['did not product_view where (category = "shoes")', ['b', 'd']],
  // the event's own time is available as `timestamp`
  ['did purchase where (timestamp after 2026-10-30)', ['a']],
  ['did purchase where (timestamp within last 7 days)', ['a', 'b']],
  // names in where are event properties, not profile attributes
  ['did purchase where (age > 0)', []],
  ['did purchase where (amount is missing)', []],
  ['did purchase where (segment whatever)', []],
  // combined with profile conditions
  ['age >= 30 and did not purchase', ['c', 'd']],
  ['did purchase or did product_view', ['a', 'b', 'c']],
];

for (const [condition, expected] of cases) {
  test(`${condition} → ${expected.join(', ') || 'nobody'}`, () => {
    assert.deepEqual(members(condition), expected);
  });
}

test('without an event table every profile has count 0', () => {
  const noEvents = makeStore({ types: { age: 'number' }, profiles: [{ id: 'x', age: 1 }, { id: 'y' }] });
  const e = new Evaluator(noEvents, { asOfDay });
  assert.deepEqual(e.memberIds(segmentOf('did purchase'), new Map()), []);
  assert.deepEqual(e.memberIds(segmentOf('did not purchase'), new Map()), ['x', 'y']);
  assert.deepEqual(e.memberIds(segmentOf('did purchase where (amount > 3) at most 2 times'), new Map()), ['x', 'y']);
});

test('windows: within last counts back from asOf, both ends included; since and between use the dates given', () => {
  const within = exprOf('did x within last 3 months');
  assert.ok(within.kind === 'did');
  assert.deepEqual(windowDays(within.window, asOfDay), { from: parseIsoDay('2026-08-01'), to: asOfDay });
  const since = exprOf('did x since 2026-01-31');
  assert.ok(since.kind === 'did');
  assert.deepEqual(windowDays(since.window, asOfDay), { from: parseIsoDay('2026-01-31'), to: Infinity });
  const between = exprOf('did x between 2026-01-01 and 2026-01-31T23:59:59Z');
  assert.ok(between.kind === 'did');
  assert.deepEqual(windowDays(between.window, asOfDay), { from: parseIsoDay('2026-01-01'), to: parseIsoDay('2026-01-31') });
  assert.deepEqual(windowDays(undefined, asOfDay), { from: -Infinity, to: Infinity });
});
