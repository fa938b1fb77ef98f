// Conditions joined by `and` that can never hold together (warning), on the
// later condition, with the earlier one as related information.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, segmentWith, SHOP } from './fixtures';
import { extractMarked } from '../../support/markers';

const W = 'warning' as const;

runCases(
  [
    {
      source: 'age > 50 and ⟦age < 30⟧',
      code: 'never-true',
      severity: W,
      message: '`age < 30` can never be true together with `age > 50`: no value of `age` satisfies both',
    },
    {
      source: 'city = "Oslo" and ⟦city = "Bergen"⟧',
      code: 'never-true',
      severity: W,
      message: '`city = "Bergen"` can never be true together with `city = "Oslo"`: no value of `city` satisfies both',
    },
    {
      source: 'age = 1 and ⟦age != 1⟧',
      code: 'never-true',
      severity: W,
      message: '`age != 1` can never be true together with `age = 1`: no value of `age` satisfies both',
    },
    {
      source: 'city in ("Oslo", "Bergen") and ⟦city = "Stavanger"⟧',
      code: 'never-true',
      severity: W,
      message: '`city = "Stavanger"` can never be true together with `city in ("Oslo", "Bergen")`: no value of `city` satisfies both',
    },
    {
      source: 'city in ("Oslo", "Bergen") and ⟦city not in ("Bergen", "Oslo")⟧',
      code: 'never-true',
      severity: W,
      message: '`city not in ("Bergen", "Oslo")` can never be true together with `city in ("Oslo", "Bergen")`: no value of `city` satisfies both',
    },
    {
      source: 'city = "Oslo" and ⟦city starts with "B"⟧',
      code: 'never-true',
      severity: W,
      message: '`city starts with "B"` can never be true together with `city = "Oslo"`: no value of `city` satisfies both',
    },
    {
      source: 'age is missing and ⟦age > 3⟧',
      code: 'never-true',
      severity: W,
      message: '`age > 3` can never be true together with `age is missing`: every test on a missing value is false',
    },
    {
      source: 'age != 3 and ⟦age is missing⟧',
      code: 'never-true',
      severity: W,
      message: '`age is missing` can never be true together with `age != 3`: every test on a missing value is false',
    },
    {
      source: 'city is present and ⟦city is missing⟧',
      code: 'never-true',
      severity: W,
      message: '`city is missing` can never be true together with `city is present`: a value cannot be missing and present at once',
    },
    {
      source: 'age between 18 and 30 and ⟦age between 40 and 50⟧',
      code: 'never-true',
      severity: W,
      message: '`age between 40 and 50` can never be true together with `age between 18 and 30`: no value of `age` satisfies both',
    },
    {
      source: 'age >= 10 and age <= 20 and ⟦age > 20⟧',
      code: 'never-true',
      severity: W,
      message: '`age > 20` can never be true together with `age <= 20`: no value of `age` satisfies both',
    },
    {
      source: 'age >= 10 and age <= 10 and ⟦age != 10⟧',
      code: 'never-true',
      severity: W,
      message: '`age != 10` can never be true together with `age >= 10` and `age <= 10`: no value of `age` satisfies them all',
    },
    {
      source: 'signup_date after 2026-01-01 and ⟦signup_date before 2026-01-02⟧',
      code: 'never-true',
      severity: W,
      message: '`signup_date before 2026-01-02` can never be true together with `signup_date after 2026-01-01`: no value of `signup_date` satisfies both',
    },
    {
      source: 'last_seen_at within last 7 days and ⟦last_seen_at more than 1 week ago⟧',
      code: 'never-true',
      severity: W,
      message: '`last_seen_at more than 1 week ago` can never be true together with `last_seen_at within last 7 days`: no value of `last_seen_at` satisfies both',
    },
    {
      source: 'email_opt_in and ⟦email_opt_in = false⟧',
      code: 'never-true',
      severity: W,
      message: '`email_opt_in = false` can never be true together with `email_opt_in`: no value of `email_opt_in` satisfies both',
    },
    {
      source: 'email_opt_in != true and ⟦email_opt_in != false⟧',
      code: 'never-true',
      severity: W,
      message: '`email_opt_in != false` can never be true together with `email_opt_in != true`: no value of `email_opt_in` satisfies both',
    },
    {
      // A nested group is part of the same chain.
      source: 'age > 50 and (device = "mobile" and ⟦age < 18⟧)',
      code: 'never-true',
      severity: W,
      message: '`age < 18` can never be true together with `age > 50`: no value of `age` satisfies both',
    },
    {
      // Each `or` operand is a chain of its own.
      source: 'device = "mobile" or (age > 50 and ⟦age < 18⟧)',
      code: 'never-true',
      severity: W,
      message: '`age < 18` can never be true together with `age > 50`: no value of `age` satisfies both',
    },
    {
      source: 'did purchase where (amount > 100 and ⟦amount < 50⟧)',
      code: 'never-true',
      severity: W,
      message: '`amount < 50` can never be true together with `amount > 100`: no value of `amount` satisfies both',
    },
    {
      source: '`Preferred channel` = "sms" and ⟦`Preferred channel` = "push"⟧',
      code: 'never-true',
      severity: W,
      message:
        '`` `Preferred channel` = "push" `` can never be true together with `` `Preferred channel` = "sms" ``: no value of `Preferred channel` satisfies both',
    },
  ],
  SHOP,
);

// Without a catalog the kinds of the values say what is compared.
runCases(
  [
    {
      source: 'score > 50 and ⟦score < 30⟧',
      code: 'never-true',
      severity: W,
      message: '`score < 30` can never be true together with `score > 50`: no value of `score` satisfies both',
    },
    {
      source: 'x is missing and ⟦x contains "a"⟧',
      code: 'never-true',
      severity: W,
      message: '`x contains "a"` can never be true together with `x is missing`: every test on a missing value is false',
    },
  ],
  undefined,
);

function codesFor(include: string): string[] {
  return checkSources([{ path: '/p/a.segment', text: segmentWith(include) }], SHOP).map((d) => d.code);
}

test('conditions that can hold together are not reported', () => {
  for (const include of [
    'age > 30 and age < 50',
    'age >= 30 and age <= 30',
    'age > 50 or age < 30',
    'not (age > 50) and age > 50',
    'not (age is missing) and age is missing',
    'age is missing or age > 3',
    'city = "Oslo" and city starts with "O"',
    'city != "Oslo" and city != "Bergen"',
    'city starts with "O" and city starts with "B"',
    'interests contains "sport" and interests contains "travel"',
    'age > 30 and score < 10',
    'last_seen_at within last 1 month and last_seen_at more than 30 days ago',
    'last_seen_at within last 7 days and last_seen_at within last 30 days',
    'signup_date after 2026-01-01 and signup_date before 2026-01-03',
    'did purchase where (amount > 100) and did purchase where (amount < 50)',
    'age > 50 and did purchase where (amount < 50)',
  ]) {
    assert.deepEqual(codesFor(include), [], include);
  }
});

test('the related information points at the earlier condition', () => {
  const { text, span } = extractMarked(segmentWith('⟦age > 50⟧ and age < 30'));
  const [d] = checkSources([{ path: '/p/a.segment', text }], SHOP);
  assert.deepEqual(d.related, [{ file: '/p/a.segment', span, message: '`age > 50` is here' }]);
});

test('after a contradiction the later conditions are compared with the consistent ones', () => {
  const found = checkSources([{ path: '/p/a.segment', text: segmentWith('age > 50 and age < 30 and age < 60') }], SHOP);
  assert.equal(found.length, 1);
});

test('a condition already reported for its type adds no contradiction', () => {
  assert.deepEqual(codesFor('age > 50 and age < "30"'), ['type-mismatch']);
});

test('include and exclude are separate', () => {
  const text = 'segment s {\n  include age > 50\n  exclude age < 30\n}\n';
  assert.deepEqual(checkSources([{ path: '/p/a.segment', text }], SHOP), []);
});
