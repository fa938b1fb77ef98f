// The hand-written lexer must yield exactly what the Chevrotain reference lexer
// (tokens.ts) yields: the same tokens (type, image, offset), the same comments
// and the same error runs, for any input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lexSegments } from '../../../server/src/core/syntax/lexer';
import { segmentLexer } from '../../../server/src/core/syntax/tokens';

function summary(tokens: { image: string; startOffset: number; tokenType: { name: string }; tokenTypeIdx: number }[]): string[] {
  return tokens.map((t) => `${t.tokenType.name}#${t.tokenTypeIdx}@${t.startOffset}:${JSON.stringify(t.image)}`);
}

function assertSameAsReference(text: string): void {
  const expected = segmentLexer.tokenize(text);
  const actual = lexSegments(text);
  assert.deepEqual(summary(actual.tokens), summary(expected.tokens), `tokens of ${JSON.stringify(text)}`);
  assert.deepEqual(summary(actual.comments), summary(expected.groups.comments ?? []), `comments of ${JSON.stringify(text)}`);
  assert.deepEqual(
    actual.errors.map((e) => ({ offset: e.offset, length: e.length, message: e.message })),
    expected.errors.map((e) => ({ offset: e.offset, length: e.length, message: e.message })),
    `errors of ${JSON.stringify(text)}`,
  );
}

// Pieces that exercise every token rule and its edges: keywords and words they
// prefix, plural units, dates that almost are dates, numbers with exponents,
// strings with good and bad escapes, backticks, operators, junk characters.
const PIECES = [
  'segment', 'title', 'description', 'owner', 'tags', 'include', 'exclude', 'or', 'and', 'not', 'in', 'between', 'is',
  'missing', 'present', 'contains', 'any', 'all', 'starts', 'ends', 'with', 'before', 'after', 'within', 'last', 'more',
  'than', 'ago', 'did', 'where', 'at', 'least', 'most', 'exactly', 'times', 'time', 'since', 'true', 'false',
  'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'dayss', 'timestamp', 'inside', 'index', 'notes',
  'Segment', 'TRUE', '_x', 'a1', 'geo', 'city', 'x_y_z', 'withinx', 'ats',
  '0', '7', '42', '-3.5', '-', '.5', '1.', '1.2.3', '1e5', '1E-3', '2e', '3e+', '-.5', '-.', '007',
  '2026-01-31', '2026-1-31', '2026-01-31x', '2026-01-312', '2026-01-31T08:00', '2026-01-31T08:00:00Z',
  '2026-01-31T08:00:00.123+01:00', '2026-01-31T08:00:00.Z', '2026-01-31T08:00+0100', '2026-01-31T08:00+01:0',
  '2026-01-31T08', '2026-01-31T08:0', '2026-01-31T08:00:0', '2026-01-31T08:00-05', '12345-01-01',
  '"Oslo"', '""', '"a\\"b"', '"\\n\\t\\u00e9"', '"\\q"', '"\\u12"', '"open', '"a\\', '"a\\"', '"x\\\\"', '"\\/"',
  '`Preferred channel`', '``', '`open', '`a`b`',
  '{', '}', '(', ')', ',', '.', '=', '==', '===', '!=', '!', '<>', '<=', '>=', '<', '>', '=>', '<<',
  '#', '# comment', '&', '&&', '|', "'x'", '@', '$', '\\', '\u00e9', '\u2028', '\ud83d\ude00',
  ' ', '  ', '\t', '\n', '\r\n', '\r', '\f', '\v', '\u00a0', '\ufeff',
];

const SEPARATORS = ['', ' ', '\n', '\t'];

test('token soup lexes exactly like the Chevrotain reference lexer', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 40 }), (parts) => {
      assertSameAsReference(parts.map(([p, s]) => p + s).join(''));
    }),
    { numRuns: 3000 },
  );
});

test('random strings lex exactly like the Chevrotain reference lexer', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => assertSameAsReference(s)), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => assertSameAsReference(s)), { numRuns: 1000 });
  const alphabet = fc.constantFrom(...'0123456789-.:eE+TZ"\\`#abdnstuy_ \n\r{}()<>=!,&');
  fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 60 }), (s) => assertSameAsReference(s)), { numRuns: 5000 });
});

test('a realistic file lexes exactly like the reference', () => {
  assertSameAsReference(`# Autumn campaign
segment abandoned_cart {
  title "Abandoned cart"
  tags retargeting, email
  include
    cart_items > 0
    and last_cart_at within last 7 days
    and city in ("Oslo", "Bergen")
    and not did purchase where (amount >= 100) at least 2 times within last 7 days
    and signup_date between 2026-01-01 and 2026-01-31T08:00:00Z
  exclude segment existing_customers or \`Preferred channel\` = "none"
}
`);
});

test('keywords come out as keyword tokens, other words as identifiers', () => {
  const { tokens } = lexSegments('include inside days dayss time times timestamp');
  assert.deepEqual(
    tokens.map((t) => t.tokenType.name),
    ['Include', 'Identifier', 'Days', 'Identifier', 'Time', 'Times', 'Identifier'],
  );
});

test('characters no token starts with are reported as one run each, and lexing goes on', () => {
  const { tokens, errors } = lexSegments('a && b @ c');
  assert.deepEqual(tokens.map((t) => t.image), ['a', 'b', 'c']);
  assert.deepEqual(errors.map((e) => [e.offset, e.length]), [[2, 2], [7, 1]]);
});

test('comments go to their own list', () => {
  const { tokens, comments } = lexSegments('# one\nsegment a { # two\n}');
  assert.deepEqual(comments.map((c) => [c.image, c.startOffset]), [['# one', 0], ['# two', 18]]);
  assert.deepEqual(tokens.map((t) => t.image), ['segment', 'a', '{', '}']);
});
