// Row lines as runs: the line each row starts on, stored only where a row does
// not start on the line after the previous one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOfRow, RowLines } from '../../../server/src/core/sample/csv-rows';

test('row lines are kept as runs and read back row by row, also after joining two parts', () => {
  const lines = [2, 3, 4, 7, 8, 12, 13, 14, 15];
  const a = new RowLines();
  for (const line of lines.slice(0, 5)) a.push(line);
  const b = new RowLines();
  // The second part counts its lines from 1; its first row is on line 12 of the file.
  for (const line of lines.slice(5)) b.push(line - 11);
  a.append(b.finish(), 11);
  const runs = a.finish();
  assert.equal(runs.count, lines.length);
  assert.deepEqual(lines.map((_, row) => lineOfRow(runs, row)), lines);
  assert.deepEqual(Array.from(runs.rows), [0, 3, 5], 'one run per break, none for the join that continues a run');
});

test('a part that continues the previous line adds no run', () => {
  const a = new RowLines();
  a.push(2);
  const b = new RowLines();
  b.push(1);
  b.push(2);
  a.append(b.finish(), 2);
  const runs = a.finish();
  assert.deepEqual([0, 1, 2].map((row) => lineOfRow(runs, row)), [2, 3, 4]);
  assert.equal(runs.rows.length, 1);
});
