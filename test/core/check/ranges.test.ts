// `between` with its ends swapped matches nobody: an error with a swap fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, segmentWith, SHOP } from './fixtures';

const cases = [
  {
    source: 'age between ⟦40 and 20⟧',
    code: 'empty-range',
    severity: 'error' as const,
    message: '`between 40 and 20` matches nothing: the lower end comes first, as in `between 20 and 40`',
    fixed: 'age between 20 and 40',
  },
  {
    source: 'signup_date between ⟦2026-12-31 and 2026-01-01⟧',
    code: 'empty-range',
    severity: 'error' as const,
    message: '`between 2026-12-31 and 2026-01-01` matches nothing: the lower end comes first, as in `between 2026-01-01 and 2026-12-31`',
    fixed: 'signup_date between 2026-01-01 and 2026-12-31',
  },
  {
    source: 'did purchase between ⟦2026-02-01 and 2026-01-01T10:00:00Z⟧',
    code: 'empty-range',
    severity: 'error' as const,
    message: '`between 2026-02-01 and 2026-01-01T10:00:00Z` matches nothing: the lower end comes first, as in `between 2026-01-01T10:00:00Z and 2026-02-01`',
    fixed: 'did purchase between 2026-01-01T10:00:00Z and 2026-02-01',
  },
  {
    source: 'did purchase where (amount between ⟦-1 and -5⟧)',
    code: 'empty-range',
    severity: 'error' as const,
    message: '`between -1 and -5` matches nothing: the lower end comes first, as in `between -5 and -1`',
    fixed: 'did purchase where (amount between -5 and -1)',
  },
  {
    source: 'last_seen_at between ⟦90 and 30⟧ days ago',
    code: 'empty-range',
    severity: 'error' as const,
    message: '`between 90 and 30` matches nothing: the lower end comes first, as in `between 30 and 90`',
    fixed: 'last_seen_at between 30 and 90 days ago',
  },
  {
    source: 'did purchase between ⟦2 and 1⟧ years ago',
    code: 'empty-range',
    severity: 'error' as const,
    message: '`between 2 and 1` matches nothing: the lower end comes first, as in `between 1 and 2`',
    fixed: 'did purchase between 1 and 2 years ago',
  },
];

runCases(cases, SHOP);
// Reversed ranges need no data to be seen.
runCases(cases, undefined);

test('ranges with equal ends, and date-times on the same day, are fine', () => {
  for (const include of [
    'age between 30 and 30',
    'signup_date between 2026-01-01T20:00:00Z and 2026-01-01T08:00:00Z',
    'did purchase between 2026-01-01 and 2026-01-01',
    'did purchase exactly 0 times',
    'last_seen_at between 0 and 0 days ago',
    'did purchase between 3 and 3 months ago',
  ]) {
    assert.deepEqual(checkSources([{ path: '/p/a.segment', text: segmentWith(include) }], SHOP), [], include);
  }
});
