import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../server/src/core/text/edits';

test('edits apply at their spans, in any order given, insertions and deletions alike', () => {
  const text = 'segment a { include agee > 3 }';
  const edits = [
    { span: { start: 27, end: 28 }, newText: '30' },
    { span: { start: 20, end: 24 }, newText: 'age' },
    { span: { start: 0, end: 0 }, newText: '# fixed\n' },
    { span: { start: 11, end: 12 }, newText: '' },
  ];
  assert.equal(applyEdits(text, edits), '# fixed\nsegment a {include age > 30 }');
  assert.equal(applyEdits(text, []), text);
});
