// Aggregates: the property is the event's, of a type the function can use, and
// the comparison is with numbers, the lower end first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, segmentWith, SHOP } from './fixtures';

runCases(
  [
    {
      source: 'sum of purchase.⟦currency⟧ > 100',
      code: 'type-mismatch',
      severity: 'error',
      message: '`sum` needs a number property, but `purchase.currency` is text; `distinct count of purchase.currency` counts its different values',
    },
    {
      source: 'average of product_view.⟦category⟧ >= 3',
      code: 'type-mismatch',
      severity: 'error',
      message: '`average` needs a number property, but `product_view.category` is text; `distinct count of product_view.category` counts its different values',
    },
    {
      source: 'max of purchase.⟦timestamp⟧ > 3',
      code: 'type-mismatch',
      severity: 'error',
      message: '`max` needs a number property, but `purchase.timestamp` is a date; `distinct count of purchase.timestamp` counts its different values',
    },
    {
      source: 'sum of purchase.⟦amout⟧ within last 90 days > 5000',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `amout`; did you mean `amount`?',
      fixed: 'sum of purchase.amount within last 90 days > 5000',
    },
    {
      source: 'sum of ⟦purchse⟧.amount > 5000',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `purchse`; did you mean `purchase`?',
      fixed: 'sum of purchase.amount > 5000',
    },
    {
      source: 'sum of purchase.amount where (⟦currenzy⟧ = "NOK") > 5000',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `currenzy`; did you mean `currency`?',
      fixed: 'sum of purchase.amount where (currency = "NOK") > 5000',
    },
    {
      source: 'sum of purchase.amount > ⟦"5000"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: 'the sum is compared with a number, not text',
      fixed: 'sum of purchase.amount > 5000',
    },
    {
      source: 'distinct count of product_view.category >= ⟦true⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: 'the distinct count is compared with a number, not a boolean',
    },
    {
      source: 'sum of "Order Completed".total between ⟦5000 and 1000⟧',
      code: 'empty-range',
      severity: 'error',
      message: '`between 5000 and 1000` matches nothing: the lower end comes first, as in `between 1000 and 5000`',
      fixed: 'sum of "Order Completed".total between 1000 and 5000',
    },
    {
      source: 'max of purchase.amount between ⟦2026-03-31 and 2026-01-01⟧ > 2000',
      code: 'empty-range',
      severity: 'error',
      message: '`between 2026-03-31 and 2026-01-01` matches nothing: the lower end comes first, as in `between 2026-01-01 and 2026-03-31`',
      fixed: 'max of purchase.amount between 2026-01-01 and 2026-03-31 > 2000',
    },
  ],
  SHOP,
);

test('every aggregate of the language reference is clean against a schema that has the names', () => {
  for (const include of [
    'sum of purchase.amount within last 90 days > 5000',
    'average of purchase.amount where (currency = "NOK") >= 800',
    'max of purchase.amount between 2026-01-01 and 2026-03-31 > 2000',
    'min of purchase.amount within last 1 year < 100',
    'distinct count of product_view.category within last 30 days >= 5',
    'distinct count of purchase.timestamp >= 2',
    'sum of "Order Completed".total between 1000 and 5000',
    'sum of purchase.amount between 1 and 2 years ago >= 0.30',
  ]) {
    assert.deepEqual(checkSources([{ path: '/p/a.segment', text: segmentWith(include) }], SHOP).map((d) => d.message), [], include);
  }
});

test('without data, only what needs no names is checked', () => {
  const found = checkSources([{ path: '/p/a.segment', text: segmentWith('sum of x.y > "1" and max of a.b between 3 and 1') }], undefined);
  assert.deepEqual(found.map((d) => d.code), ['type-mismatch', 'empty-range']);
});
