// Sequences: the time between steps is exact (months and years are an error,
// fixed to days); `with same` names a single-valued property of both events;
// calendar windows take no minutes or hours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, segmentWith, SHOP } from './fixtures';

runCases(
  [
    {
      source: 'did product_view then did purchase within ⟦1 month⟧',
      code: 'duration-unit',
      severity: 'error',
      message: 'the time between steps is exact, and a month has no fixed length: use minutes, hours, days or weeks, such as `within 30 days`',
      fixed: 'did product_view then did purchase within 30 days',
    },
    {
      source: 'did product_view then did not purchase within ⟦2 years⟧',
      code: 'duration-unit',
      severity: 'error',
      message: 'the time between steps is exact, and a year has no fixed length: use minutes, hours, days or weeks, such as `within 730 days`',
      fixed: 'did product_view then did not purchase within 730 days',
    },
    {
      source: 'did purchase within last ⟦48 hours⟧',
      code: 'duration-unit',
      severity: 'error',
      message: '`within last` counts calendar days: use days, weeks, months or years, not hours',
      fixed: 'did purchase within last 2 days',
    },
    {
      source: 'last_seen_at more than ⟦90 minutes⟧ ago',
      code: 'duration-unit',
      severity: 'error',
      message: '`more than … ago` counts calendar days: use days, weeks, months or years, not minutes',
    },
    {
      source: 'did product_view then did purchase within 3 days with same ⟦categroy⟧',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `categroy`',
    },
    {
      source: 'did product_view then did purchase within 3 days with same ⟦amount⟧',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `product_view` has no property `amount`',
    },
    {
      source: 'did product_view then did ⟦purchse⟧ within 1 day',
      code: 'unknown-event',
      severity: 'error',
      message: 'unknown event `purchse`; did you mean `purchase`?',
      fixed: 'did product_view then did purchase within 1 day',
    },
    {
      source: 'did product_view then did purchase where (⟦currenzy⟧ = "NOK") within 1 day',
      code: 'unknown-event-property',
      severity: 'error',
      message: 'event `purchase` has no property `currenzy`; did you mean `currency`?',
      fixed: 'did product_view then did purchase where (currency = "NOK") within 1 day',
    },
  ],
  SHOP,
);

test('the sequences of the language reference are clean against a schema that has the names', () => {
  for (const include of [
    'did product_view within last 7 days then did not purchase within 1 day',
    'did product_view where (category = "shoes") then did purchase within 2 hours',
    'did product_view then did not product_view within 3 days with same category',
    'did email_open then did product_view within 10 minutes then did purchase within 1 week',
    'did not product_view then did purchase within 90 minutes with same timestamp',
  ]) {
    assert.deepEqual(checkSources([{ path: '/p/a.segment', text: segmentWith(include) }], SHOP).map((d) => d.message), [], include);
  }
});
