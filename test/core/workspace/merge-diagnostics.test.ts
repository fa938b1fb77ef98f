import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostic } from '../../../server/src/core/base/diagnostics';
import { mergeDiagnostics } from '../../../server/src/core/workspace/merge-diagnostics';

test('one list: each problem once, by file and position', () => {
  const a = diagnostic('/p/b.segment', { start: 5, end: 6 }, 'error', 'x', 'one');
  const b = diagnostic('/p/a.segment', { start: 9, end: 9 }, 'warning', 'y', 'two');
  const same = { ...a };
  const otherMessage = diagnostic('/p/b.segment', { start: 5, end: 6 }, 'error', 'x', 'three');
  const data = { ...diagnostic('/p/users.csv', { start: 0, end: 0 }, 'warning', 'z', 'row'), position: { line: 4, character: 0 } };
  const otherLine = { ...data, position: { line: 7, character: 0 } };
  assert.deepEqual(mergeDiagnostics([a, b], [same, otherMessage], [data, otherLine, data]), [b, a, otherMessage, data, otherLine]);
});
