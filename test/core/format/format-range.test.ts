// Range formatting: the blocks a selection touches get the canonical layout,
// everything else stays byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatRangeEdits, formatSegments } from '../../../server/src/core/format/format';
import type { TextEdit } from '../../../server/src/core/base/diagnostics';
import { applyEdits } from '../../../server/src/core/text/edits';
import { validDocument } from './segment-arbitrary';

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].span.start >= sorted[i - 1].span.end, 'edits do not overlap');
  return applyEdits(text, edits);
}

const messy = [
  'segment  a {include   age>30}',
  '',
  '',
  '',
  'segment b {   include city="Oslo"   }',
  'segment c{include vip}',
  '',
].join('\n');

test('only the block the selection is in is laid out; the others and the space between stay as written', () => {
  const inB = messy.indexOf('city');
  const out = apply(messy, formatRangeEdits(messy, { start: inB, end: inB + 2 }));
  assert.equal(
    out,
    ['segment  a {include   age>30}', '', '', '', 'segment b {', '  include city = "Oslo"', '}', 'segment c{include vip}', ''].join('\n'),
  );
});

test('a selection across two blocks lays out both; one in no block changes nothing', () => {
  const from = messy.indexOf('age');
  const to = messy.indexOf('Oslo');
  const out = apply(messy, formatRangeEdits(messy, { start: from, end: to }));
  assert.ok(out.startsWith('segment a {\n  include age > 30\n}\n\n\n\nsegment b {\n  include city = "Oslo"\n}\nsegment c{include vip}'), out);
  const blank = messy.indexOf('\n\n') + 1;
  assert.deepEqual(formatRangeEdits(messy, { start: blank, end: blank }), []);
});

test('a block with a syntax error is never touched, CRLF is kept', () => {
  const text = 'segment a { include age > }\r\nsegment b {include vip}\r\n';
  assert.deepEqual(formatRangeEdits(text, { start: 0, end: 10 }), []);
  const out = apply(text, formatRangeEdits(text, { start: 0, end: text.length }));
  assert.equal(out, 'segment a { include age > }\r\nsegment b {\r\n  include vip\r\n}\r\n');
});

test('the whole file selected gives each block its formatted layout, as whole-file formatting does', () => {
  fc.assert(
    fc.property(validDocument, (text) => {
      const ranged = apply(text, formatRangeEdits(text, { start: 0, end: text.length }));
      // The space between blocks is left alone, so compare after normalising it the same way.
      assert.equal(formatSegments(ranged), formatSegments(text));
      // Already formatted text needs no edit.
      const formatted = formatSegments(text);
      assert.deepEqual(formatRangeEdits(formatted, { start: 0, end: formatted.length }), []);
    }),
    { numRuns: 150 },
  );
});
