// Operators against attribute types (docs/language.md#the-forms) and values of the wrong kind,
// with fixes that rewrite the value when the intent is plain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, segmentWith, SHOP } from './fixtures';

runCases(
  [
    // Values of the wrong kind.
    {
      source: 'age = ⟦"30"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`age` is a number, so the value must be a number, not text',
      fixed: 'age = 30',
    },
    {
      source: 'age > ⟦"thirty"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`age` is a number, so the value must be a number, not text',
    },
    {
      source: 'city = ⟦30⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`city` is text, so the value must be text in double quotes, not a number',
      fixed: 'city = "30"',
    },
    {
      source: 'signup_date > ⟦"2026-01-01"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`signup_date` is a date, so the value must be a date such as `2026-01-31`, not text',
      fixed: 'signup_date > 2026-01-01',
    },
    {
      source: 'signup_date before ⟦"2026-01-01T10:00:00Z"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`signup_date` is a date, so the value must be a date such as `2026-01-31`, not text',
      fixed: 'signup_date before 2026-01-01T10:00:00Z',
    },
    {
      source: 'signup_date = ⟦"2026-02-30"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`signup_date` is a date, so the value must be a date such as `2026-01-31`, not text',
    },
    {
      source: 'email_opt_in = ⟦"true"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`email_opt_in` is a boolean, so the value must be `true` or `false`, not text',
      fixed: 'email_opt_in = true',
    },
    {
      source: 'email_opt_in != ⟦1⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`email_opt_in` is a boolean, so the value must be `true` or `false`, not a number',
    },
    {
      source: 'age in (18, ⟦"21"⟧, 30)',
      code: 'type-mismatch',
      severity: 'error',
      message: '`age` is a number, so the value must be a number, not text',
      fixed: 'age in (18, 21, 30)',
    },
    {
      source: 'age between ⟦2026-01-01⟧ and 40',
      code: 'type-mismatch',
      severity: 'error',
      message: '`age` is a number, so the value must be a number, not a date',
    },
    {
      source: 'interests contains ⟦3⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`interests` is a list of text, so the value must be text in double quotes, not a number',
      fixed: 'interests contains "3"',
    },
    {
      source: 'page starts with ⟦true⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`page` is text, so the value must be text in double quotes, not a boolean',
      fixed: 'page starts with "true"',
    },
    // Operators that do not apply.
    {
      source: '⟦age⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`age` is a number; a condition needs an operator, such as `age > 30`',
    },
    {
      source: 'email_opt_in and ⟦city⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`city` is text; a condition needs an operator, such as `city = "Oslo"`',
    },
    {
      source: '⟦signup_date⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`signup_date` is a date; a condition needs an operator, such as `signup_date within last 30 days`',
    },
    {
      source: '⟦interests⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`interests` is a list of text; a condition needs an operator, such as `interests contains "sport"`',
    },
    {
      source: 'interests ⟦=⟧ "sport"',
      code: 'type-mismatch',
      severity: 'error',
      message: '`=` applies to numbers, text, dates and booleans, but `interests` is a list of text; use `contains` to test for an item',
      fixed: 'interests contains "sport"',
    },
    {
      source: '⟦interests in ("sport", "travel")⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`in (…)` applies to numbers and text, but `interests` is a list of text; use `contains any (…)` to test for any of several items',
    },
    {
      source: '⟦signup_date not in (2026-01-01)⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`not in (…)` applies to numbers and text, but `signup_date` is a date',
    },
    {
      source: '⟦city between "A" and "M"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`between` applies to numbers and dates, but `city` is text',
    },
    {
      source: '⟦age contains "3"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`contains` applies to text and lists, but `age` is a number',
    },
    {
      source: '⟦city contains any ("Oslo", "Bergen")⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`contains any (…)` applies to lists, but `city` is text; to test for one of several values use `city in (…)`',
    },
    {
      source: '⟦city contains all ("Oslo")⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`contains all (…)` applies to lists, but `city` is text',
    },
    {
      source: '⟦interests starts with "sp"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`starts with` applies to text, but `interests` is a list of text',
    },
    {
      source: '⟦age ends with "0"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`ends with` applies to text, but `age` is a number',
    },
    {
      source: '⟦age before 2026-01-01⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`before` applies to dates, but `age` is a number',
    },
    {
      source: '⟦city within last 7 days⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`within last` applies to dates, but `city` is text',
    },
    {
      source: '⟦email_opt_in more than 3 days ago⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`more than … ago` applies to dates, but `email_opt_in` is a boolean',
    },
    {
      source: '⟦age between 1 and 2 years ago⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`between … ago` applies to dates, but `age` is a number',
    },
    {
      source: 'interests ⟦<⟧ "x"',
      code: 'type-mismatch',
      severity: 'error',
      message: '`<` applies to numbers, text, dates and booleans, but `interests` is a list of text',
    },
    // Event properties are typed too.
    {
      source: 'did purchase where (amount > ⟦"100"⟧)',
      code: 'type-mismatch',
      severity: 'error',
      message: '`amount` is a number, so the value must be a number, not text',
      fixed: 'did purchase where (amount > 100)',
    },
    // Windows of `did` take dates, with or without a catalog.
    {
      source: 'did purchase since ⟦"2026-01-01"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`since` needs a date such as `2026-01-31`, not text',
      fixed: 'did purchase since 2026-01-01',
    },
    {
      source: 'did purchase between 2026-01-01 and ⟦20260201⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`between` needs a date such as `2026-01-31`, not a number',
    },
  ],
  SHOP,
);

// Without a catalog, only what the operator itself demands is checked.
runCases(
  [
    {
      source: 'joined before ⟦"2026-01-01"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`before` needs a date such as `2026-01-31`, not text',
      fixed: 'joined before 2026-01-01',
    },
    {
      source: 'name starts with ⟦5⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`starts with` needs text in double quotes, not a number',
      fixed: 'name starts with "5"',
    },
    {
      source: 'tags_list contains any ("a", ⟦2⟧)',
      code: 'type-mismatch',
      severity: 'error',
      message: '`contains any (…)` needs text in double quotes, not a number',
      fixed: 'tags_list contains any ("a", "2")',
    },
    {
      source: 'size between ⟦"10"⟧ and 20',
      code: 'type-mismatch',
      severity: 'error',
      message: '`between` needs a number or a date, not text',
      fixed: 'size between 10 and 20',
    },
    {
      source: 'kind in ("a", ⟦true⟧)',
      code: 'type-mismatch',
      severity: 'error',
      message: '`in (…)` needs numbers or text, not a boolean',
      fixed: 'kind in ("a", "true")',
    },
    {
      source: 'did purchase since ⟦"yesterday"⟧',
      code: 'type-mismatch',
      severity: 'error',
      message: '`since` needs a date such as `2026-01-31`, not text',
    },
  ],
  undefined,
);

test('every form of the table of docs/language.md is accepted on the types it applies to', () => {
  const fine = [
    'age = 30', 'age != 30', 'age < 30', 'age <= 30', 'age > 30', 'age >= 30',
    'city = "Oslo"', 'city < "M"', 'signup_date >= 2026-01-01', 'signup_date = 2026-01-01T08:00:00Z', 'email_opt_in = false',
    'age in (1, 2)', 'city not in ("Oslo")', 'age between 18 and 30', 'signup_date between 2025-01-01 and 2025-12-31',
    'age is missing', 'interests is present', 'signup_date is missing', 'city contains "sl"', 'interests contains "sport"',
    'interests contains any ("sport", "travel")', 'interests contains all ("sport")', 'city starts with "O"', 'city ends with "o"',
    'signup_date before 2026-01-01', 'signup_date after 2026-01-01T00:00:00Z', 'signup_date within last 30 days',
    'signup_date more than 3 months ago', 'email_opt_in', 'not email_opt_in',
    'did purchase where (amount > 100 and currency = "NOK") at least 2 times within last 1 year',
    'did product_view between 2026-01-01 and 2026-01-31T12:00:00Z', 'did not purchase since 2026-01-01',
  ];
  for (const include of fine) {
    const found = checkSources([{ path: '/p/a.segment', text: segmentWith(include) }], SHOP);
    assert.deepEqual(found.map((d) => d.message), [], include);
  }
});

test('an operator mismatch is reported once, not again for each value', () => {
  const found = checkSources([{ path: '/p/a.segment', text: segmentWith('interests in (1, 2, 3)') }], SHOP);
  assert.deepEqual(found.map((d) => d.code), ['type-mismatch']);
});

test('an unquoted word is left to the parser and checked as the text it stands for', () => {
  const text = segmentWith('device = mobile');
  const found = checkSources([{ path: '/p/a.segment', text }], SHOP);
  assert.deepEqual(found, []);
});
