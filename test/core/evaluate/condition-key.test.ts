import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionKey } from '../../../server/src/core/evaluate/condition-key';
import { exprOf } from './fixtures';

const key = (text: string) => conditionKey(exprOf(text));

const same: [string, string][] = [
  ['age > 30', '  age   >\n 30'],
  ['age > 30', '((age > 30))'],
  ['age > 30', '`age` > 30'],
  ['age > 30', 'age > 30.0'],
  ['city in ("Oslo", "Bergen")', 'city in ("Bergen", "Oslo", "Oslo")'],
  ['tags contains any ("a", "b")', 'tags contains any ("b", "a")'],
  ['vip', 'vip = true'],
  ['d within last 2 weeks', 'd within last 14 days'],
  ['d within last 1 year', 'd within last 12 months'],
  ['d after 2026-01-31T23:00:00Z', 'd after 2026-01-31'],
  ['did purchase', 'did purchase at least 1 times'],
  ['did purchase', 'did "purchase"'],
  ['a = 1 and b = 2 and c = 3', 'a = 1 and (b = 2 and c = 3)'],
  ['a = 1 or b = 2 or c = 3', '(a = 1 or b = 2) or c = 3'],
  ['did x where (a = 1) at most 2 times within last 7 days', 'did x where ((a = 1)) at most 2 times within last 1 week'],
];

for (const [a, b] of same) {
  test(`same key: ${a}  ≡  ${b.replace(/\s+/g, ' ')}`, () => assert.equal(key(a), key(b)));
}

const different: [string, string][] = [
  ['age > 30', 'age >= 30'],
  ['age > 30', 'age > 31'],
  ['age > 30', 'Age > 30'],
  ['age = 30', 'age = "30"'],
  ['d = 2026-01-01', 'd = "2026-01-01"'],
  ['city in ("a")', 'city not in ("a")'],
  ['tags contains any ("a", "b")', 'tags contains all ("a", "b")'],
  ['a = 1 and b = 2', 'a = 1 or b = 2'],
  ['(a = 1 and b = 2) or c = 3', 'a = 1 and (b = 2 or c = 3)'],
  ['not a = 1', 'a = 1'],
  ['did x', 'did not x'],
  ['did x', 'did x at least 2 times'],
  ['did x within last 30 days', 'did x within last 1 month'],
  ['did x since 2026-01-01', 'did x within last 1 month'],
  ['did x where (a = 1)', 'did x where (a = 2)'],
  ['geo.city = "a"', '`geo city` = "a"'],
  ['x is missing', 'x is present'],
  ['x starts with "a"', 'x ends with "a"'],
  ['x before 2026-01-01', 'x after 2026-01-01'],
];

for (const [a, b] of different) {
  test(`different keys: ${a}  ≠  ${b}`, () => assert.notEqual(key(a), key(b)));
}

test('the key reads as the condition', () => {
  assert.equal(key('(age > 30 and city in ("b", "a")) or did purchase where (amount > 1) within last 7 days'),
    '((age > 30 and city in ("a", "b")) or did "purchase" where amount > 1 atLeast 1 within last 7 day)');
});
