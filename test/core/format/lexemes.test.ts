// The formatter's own safety check: two texts hold the same tokens and comments
// in the same order, whatever the whitespace between them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countNewlines, lexemesOf, sameLexemes, trimComment } from '../../../server/src/core/format/lexemes';

function same(a: string, b: string): boolean {
  return sameLexemes(lexemesOf(a), lexemesOf(b));
}

test('whitespace and trailing blanks after comments do not count', () => {
  assert.ok(same('segment a{include x>1 # c  \n}', 'segment a {\r\n  include x > 1 # c\n}\n'));
});

test('a changed, dropped, added or moved token or comment counts', () => {
  const base = 'segment a { include x > 1 # c\n}';
  assert.ok(!same(base, 'segment a { include x >= 1 # c\n}'), 'changed operator');
  assert.ok(!same(base, 'segment a { include x 1 # c\n}'), 'dropped token');
  assert.ok(!same(base, 'segment a { include x > 1 1 # c\n}'), 'added token');
  assert.ok(!same(base, 'segment a { include x > 1\n}'), 'dropped comment');
  assert.ok(!same(base, 'segment a { include x > # c\n 1 }'), 'moved comment');
  assert.ok(!same(base, 'segment a { include x > 1 # d\n}'), 'changed comment');
  assert.ok(!same('segment a { include x }', 'segment a { include x }\u3000'), 'added unlexable character');
});

test('tokens that only look alike when spaced differently count as different', () => {
  assert.ok(!same('a >= 1', 'a > = 1'));
  assert.ok(!same('x -3', 'x - 3'));
  assert.ok(!same('2026-01-31', '2026 -01 -31'));
});

test('lexemes come in file order, with characters the lexer cannot place', () => {
  const kinds = lexemesOf('a # c\n\u3000 b').map((l) => `${l.kind}:${l.image}`);
  assert.deepEqual(kinds, ['token:a', 'comment:# c', 'unlexed:\u3000', 'token:b']);
});

test('trimComment removes spaces and tabs only; countNewlines counts CRLF once', () => {
  assert.equal(trimComment('# a \t '), '# a');
  assert.equal(trimComment('# a\u3000'), '# a\u3000');
  assert.equal(countNewlines('a\r\n\nb\rc', 0, 7), 3);
});
