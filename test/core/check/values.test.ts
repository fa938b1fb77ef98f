// Values outside the schema's `values` (error) and values never seen in the
// sample (warning), with a case hint and did-you-mean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources, makeCatalog, segmentWith, SHOP } from './fixtures';

runCases(
  [
    {
      source: 'device = ⟦"Mobile"⟧',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"Mobile"` is not an allowed value of `device`; did you mean `"mobile"`? Values are case-sensitive.',
      fixed: 'device = "mobile"',
    },
    {
      source: 'device != ⟦"dekstop"⟧',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"dekstop"` is not an allowed value of `device`; did you mean `"desktop"`?',
      fixed: 'device != "desktop"',
    },
    {
      source: 'device in ("mobile", ⟦"watch"⟧)',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"watch"` is not an allowed value of `device`; the schema allows `"mobile"`, `"desktop"` and `"tablet"`',
    },
    {
      source: 'interests contains any ("sport", ⟦"Travel"⟧)',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"Travel"` is not an allowed value of `interests`; did you mean `"travel"`? Values are case-sensitive.',
      fixed: 'interests contains any ("sport", "travel")',
    },
    {
      source: 'interests contains ⟦"cooking"⟧',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"cooking"` is not an allowed value of `interests`; the schema allows `"sport"`, `"travel"`, `"fashion"` and `"outdoor"`',
    },
    {
      source: '`Preferred channel` = ⟦"SMS"⟧',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"SMS"` is not an allowed value of `Preferred channel`; did you mean `"sms"`? Values are case-sensitive.',
      fixed: '`Preferred channel` = "sms"',
    },
    {
      source: 'rating = ⟦4⟧',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`4` is not an allowed value of `rating`; the schema allows `1`, `2` and `3`',
    },
    {
      source: 'did product_view where (category = ⟦"Shoes"⟧)',
      code: 'value-not-allowed',
      severity: 'error',
      message: '`"Shoes"` is not an allowed value of `category`; did you mean `"shoes"`? Values are case-sensitive.',
      fixed: 'did product_view where (category = "shoes")',
    },
    {
      source: 'city = ⟦"oslo"⟧',
      code: 'value-never-seen',
      severity: 'warning',
      message: '`"oslo"` never appears in `city` in the sample; did you mean `"Oslo"`? Values are case-sensitive.',
      fixed: 'city = "Oslo"',
    },
    {
      source: 'city in ("Oslo", ⟦"Bergn"⟧)',
      code: 'value-never-seen',
      severity: 'warning',
      message: '`"Bergn"` never appears in `city` in the sample; did you mean `"Bergen"`?',
      fixed: 'city in ("Oslo", "Bergen")',
    },
    {
      source: 'city = ⟦"Paris"⟧',
      code: 'value-never-seen',
      severity: 'warning',
      message: '`"Paris"` never appears in `city` in the sample, though real data may hold it',
    },
    {
      source: 'topics contains ⟦"Offers"⟧',
      code: 'value-never-seen',
      severity: 'warning',
      message: '`"Offers"` never appears in `topics` in the sample; did you mean `"offers"`? Values are case-sensitive.',
      fixed: 'topics contains "offers"',
    },
  ],
  SHOP,
);

function codesFor(include: string, catalog = SHOP): string[] {
  return checkSources([{ path: '/p/a.segment', text: segmentWith(include) }], catalog).map((d) => d.code);
}

test('known values raise nothing', () => {
  assert.deepEqual(codesFor('device in ("mobile", "tablet") and city = "Bergen" and interests contains all ("sport", "outdoor") and rating = 2.0'), []);
});

test('prefixes, substrings and bounds are not values the attribute must hold', () => {
  assert.deepEqual(codesFor('device starts with "mob"'), []);
  assert.deepEqual(codesFor('city contains "sl"'), []);
  assert.deepEqual(codesFor('city ends with "en"'), []);
  assert.deepEqual(codesFor('city >= "M"'), []);
});

test('"never seen" is not claimed when the sample had more distinct values than were kept', () => {
  assert.deepEqual(codesFor('referrer = "bing"'), []);
});

test('attributes without allowed or observed values are not value-checked', () => {
  assert.deepEqual(codesFor('page = "/anything"'), []);
});

test('allowed values win over observed ones: a seen value outside `values` is still an error', () => {
  const catalog = makeCatalog({ attributes: { tier: { type: 'string', values: ['gold'], seen: ['gold', 'silver'] } } });
  assert.deepEqual(codesFor('tier = "silver"', catalog), ['value-not-allowed']);
});

test('a long list of allowed values is cut short in the message', () => {
  const values = Array.from({ length: 14 }, (_, i) => `v${i}`);
  const catalog = makeCatalog({ attributes: { code: { type: 'string', values } } });
  const [d] = checkSources([{ path: '/p/a.segment', text: segmentWith('code = "zzzzzz"') }], catalog);
  assert.equal(
    d.message,
    '`"zzzzzz"` is not an allowed value of `code`; the schema allows `"v0"`, `"v1"`, `"v2"`, `"v3"`, `"v4"`, `"v5"`, `"v6"`, `"v7"`, `"v8"`, `"v9"` and 4 more',
  );
});
