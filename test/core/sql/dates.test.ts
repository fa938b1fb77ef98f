// The first day of a relative window: computed in TypeScript when asOf is set,
// by the engine otherwise. Both must give the same calendar day, and the same
// as the evaluator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { subtractDuration } from '../../../server/src/core/sql/dates';
import { DIALECT_SPECS } from '../../../server/src/core/sql/dialects';
import { subtractDuration as evaluatorSubtract } from '../../../server/src/core/evaluate/calendar';
import { formatDay, parseIsoDay } from '../../../server/src/core/base/days';
import type { DurationUnit } from '../../../server/src/core/syntax/ast';
import { DuckDbHarness } from './duckdb-harness';

describe('subtractDuration', () => {
  const cases: [string, number, DurationUnit, string][] = [
    ['2026-11-01', 3, 'month', '2026-08-01'],
    ['2026-05-31', 3, 'month', '2026-02-28'],
    ['2024-05-31', 3, 'month', '2024-02-29'],
    ['2024-02-29', 1, 'year', '2023-02-28'],
    ['2026-03-31', 1, 'month', '2026-02-28'],
    ['2026-01-15', 1, 'month', '2025-12-15'],
    ['2026-11-01', 7, 'day', '2026-10-25'],
    ['2026-03-01', 1, 'day', '2026-02-28'],
    ['2026-11-01', 2, 'week', '2026-10-18'],
    ['2026-11-01', 0, 'day', '2026-11-01'],
    ['2026-11-01', 30, 'month', '2024-05-01'],
  ];
  for (const [from, amount, unit, expected] of cases) {
    test(`${from} − ${amount} ${unit} = ${expected}`, () => {
      assert.equal(subtractDuration(from, { amount, unit }), expected);
    });
  }

  test('a date that does not exist gives undefined', () => {
    assert.equal(subtractDuration('2026-02-30', { amount: 1, unit: 'day' }), undefined);
    assert.equal(subtractDuration('soon', { amount: 1, unit: 'month' }), undefined);
  });
});

const dayArb = fc.integer({ min: parseIsoDay('1990-01-01')!, max: parseIsoDay('2060-12-31')! }).map(formatDay);
const durationArb = fc.record({
  amount: fc.integer({ min: 0, max: 400 }),
  unit: fc.constantFrom<DurationUnit>('day', 'week', 'month', 'year'),
});

describe('the same day as the evaluator and as DuckDB', () => {
  let db: DuckDbHarness;
  before(async () => {
    db = await DuckDbHarness.open();
  });
  after(() => db.close());

  test('agrees with the evaluator calendar', () => {
    fc.assert(
      fc.property(dayArb, durationArb, (day, duration) => {
        assert.equal(subtractDuration(day, duration), formatDay(evaluatorSubtract(parseIsoDay(day)!, duration)));
      }),
      { numRuns: 2000 },
    );
  });

  test("agrees with DuckDB's interval arithmetic, as emitted without asOf", async () => {
    const spec = DIALECT_SPECS.duckdb;
    await fc.assert(
      fc.asyncProperty(dayArb, durationArb, async (day, duration) => {
        const date = `DATE '${day}'`;
        const sql =
          duration.unit === 'day' || duration.unit === 'week'
            ? spec.minusDays(date, duration.amount * (duration.unit === 'week' ? 7 : 1))
            : spec.minusMonths(date, duration.amount * (duration.unit === 'year' ? 12 : 1));
        assert.equal(await db.queryValue(`SELECT CAST(${sql} AS VARCHAR)`), subtractDuration(day, duration));
      }),
      { numRuns: 300 },
    );
  });
});
