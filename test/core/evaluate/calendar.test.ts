import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDay, parseIsoDay } from '../../../server/src/core/base/days';
import { resolveAsOfDay, subtractDuration, todayUtcDay } from '../../../server/src/core/evaluate/calendar';
import type { DurationUnit } from '../../../server/src/core/syntax/ast';

const cases: [from: string, amount: number, unit: DurationUnit, expected: string][] = [
  ['2026-11-01', 7, 'day', '2026-10-25'],
  ['2026-11-01', 0, 'day', '2026-11-01'],
  ['2026-03-01', 1, 'day', '2026-02-28'],
  ['2028-03-01', 1, 'day', '2028-02-29'],
  ['2026-11-01', 2, 'week', '2026-10-18'],
  ['2026-11-01', 3, 'month', '2026-08-01'],
  ['2026-05-31', 3, 'month', '2026-02-28'],
  ['2028-05-31', 3, 'month', '2028-02-29'],
  ['2026-03-31', 1, 'month', '2026-02-28'],
  ['2026-07-31', 1, 'month', '2026-06-30'],
  ['2026-01-15', 1, 'month', '2025-12-15'],
  ['2026-01-31', 13, 'month', '2024-12-31'],
  ['2026-11-01', 1, 'year', '2025-11-01'],
  ['2028-02-29', 1, 'year', '2027-02-28'],
  ['2028-02-29', 4, 'year', '2024-02-29'],
];

for (const [from, amount, unit, expected] of cases) {
  test(`${from} minus ${amount} ${unit} is ${expected}`, () => {
    assert.equal(formatDay(subtractDuration(parseIsoDay(from)!, { amount, unit })), expected);
  });
}

test('today is the UTC date', () => {
  assert.equal(formatDay(todayUtcDay(Date.UTC(2026, 10, 1, 23, 59))), '2026-11-01');
  assert.equal(formatDay(todayUtcDay(Date.UTC(2026, 10, 2, 0, 0))), '2026-11-02');
});

test('asOf comes from the config, else today (UTC)', () => {
  const now = Date.UTC(2026, 10, 15, 12);
  assert.equal(formatDay(resolveAsOfDay('2026-11-01', now)), '2026-11-01');
  assert.equal(formatDay(resolveAsOfDay(undefined, now)), '2026-11-15');
  assert.equal(formatDay(resolveAsOfDay('2026-02-30', now)), '2026-11-15');
});
