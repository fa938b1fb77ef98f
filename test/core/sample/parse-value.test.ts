// Cell parsers: what they accept, and that a long cell costs time in
// proportion to its length (issue 12: a 100k-digit cell ending in `x` took 4 s
// through an ambiguous number pattern; ten such cells, 43 s of load).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumberBytes, parseNumberText } from '../../../server/src/core/sample/parse-value';

test('decimal numbers are read the way Number() reads them, other text is NaN', () => {
  for (const [text, value] of [['42', 42], ['-3.5', -3.5], ['.5', 0.5], ['5.', 5], ['1e3', 1000], [' +7 ', 7], ['1.25E-2', 0.0125]] as const) {
    assert.equal(parseNumberText(text), value, text);
  }
  for (const text of ['', '.', '-', '0x10', 'Infinity', '1e', '1.2.3', '12abc', 'e5']) assert.ok(Number.isNaN(parseNumberText(text)), text);
});

test('a cell of 200,000 digits followed by a letter is rejected in linear time', () => {
  const cell = `${'7'.repeat(200_000)}x`;
  const started = performance.now();
  for (let i = 0; i < 10; i++) {
    assert.ok(Number.isNaN(parseNumberText(cell)));
    assert.ok(Number.isNaN(parseNumberBytes(Buffer.from(cell), 0, cell.length)));
  }
  // The quadratic pattern needed about 16 s per cell at this length; a linear scan needs well under a millisecond.
  assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
  assert.equal(parseNumberText('9'.repeat(400)), Number('9'.repeat(400)));
});
