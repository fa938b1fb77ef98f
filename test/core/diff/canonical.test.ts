import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalExpr } from '../../../server/src/core/diff/canonical';
import { parseSegments } from '../../../server/src/core/syntax/parser';

function includeText(source: string): string {
  const { ast, diagnostics } = parseSegments(`segment s {\n  include ${source}\n}\n`, 's.segment');
  assert.deepEqual(diagnostics, [], source);
  const p = ast.segments[0].properties.find((x) => x.kind === 'include');
  assert.ok(p && p.kind === 'include');
  return canonicalExpr(p.expr);
}

test('spacing, line breaks and comments do not change the canonical text', () => {
  const a = includeText('age>30 and city in("Oslo" ,"Bergen")');
  const b = includeText('age  >  30\n    # the big two\n    and city in ( "Oslo", "Bergen" )');
  assert.equal(a, 'age > 30 and city in ("Oslo", "Bergen")');
  assert.equal(b, a);
});

test('strings read by value: escapes and the character they stand for are the same', () => {
  assert.equal(includeText('city = "Caf\\u00e9"'), includeText('city = "Café"'));
});

test('every form reads back as source that parses to the same canonical text', () => {
  const forms = [
    'age between 18 and 30',
    'email is missing',
    'phone is present',
    'interests contains any ("sport", "outdoor")',
    'interests contains all ("a")',
    'name contains "x"',
    'name starts with "A" or name ends with "z"',
    'signup before 2026-01-01',
    'signup after 2026-01-31T08:00:00Z',
    'last_seen within last 1 day',
    'last_seen more than 3 months ago',
    'vip',
    'not (vip or `Preferred channel` = "sms")',
    'segment other',
    'did not purchase',
    'did "Order Completed" where (amount > 10 and currency = "NOK") at least 3 times within last 30 days',
    'did view at most 1 time since 2026-01-01',
    'did view exactly 2 times between 2026-01-01 and 2026-02-01',
    'city not in ("Oslo")',
    'last_seen between 30 and 90 days ago',
    'did purchase between 1 and 2 years ago',
    'did not purchase more than 90 days ago',
    'first did purchase where (amount > 1000) within last 30 days',
    'not last did "Order Completed" more than 90 days ago',
    'sum of purchase.amount where (currency = "NOK") within last 90 days > 5000.50',
    'distinct count of product_view.`product id` between 1 and 5',
    'average of "Order Completed".total between 2026-01-01 and 2026-02-01 != 3',
    'did add_to_cart within last 7 days then did not purchase within 1 day',
    'did not product_view where (category = "shoes") then did add_to_cart within 2 hours then did purchase within 1 week with same product_id',
  ];
  for (const form of forms) {
    const once = includeText(form);
    assert.equal(includeText(once), once, form);
  }
  assert.equal(includeText('last_seen within last 1 days'), 'last_seen within last 1 day');
  assert.equal(includeText('did view where ((a = 1))'), 'did view where (a = 1)');
  assert.equal(includeText('last_seen between 1 and 1 days ago'), 'last_seen between 1 and 1 day ago');
  assert.equal(includeText('did x between 0 and 2 year ago'), 'did x between 0 and 2 years ago');
});
