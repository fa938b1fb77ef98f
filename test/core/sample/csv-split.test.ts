// Where to cut a CSV file in two for the two-thread load: a line feed outside
// quotes, past the share asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCsvSplit } from '../../../server/src/core/sample/csv-split';
import { writeTemp } from './helpers';

test('the cut follows a line feed outside quotes, past the middle', () => {
  const rows = ['id,note'];
  for (let i = 0; i < 40; i++) rows.push(`u${i},"line one\nline ""two"", ${i}"`);
  const text = rows.join('\n') + '\n';
  const path = writeTemp('cut.csv', text);
  const split = findCsvSplit(path, Buffer.byteLength(text), 0.5)!;
  assert.ok(split >= Buffer.byteLength(text) / 2);
  assert.equal(text[split - 1], '\n');
  assert.ok(text.slice(split).startsWith('u'), 'a record starts at the cut');
  assert.equal(findCsvSplit(writeTemp('open.csv', 'id\n"never closed\n\n\n\n\n'), 16), undefined, 'no cut inside an open quote');
});

test('the cut is found the same way in a file where every field is quoted', () => {
  const rows = ['"id","note"'];
  for (let i = 0; i < 6000; i++) rows.push(`"u${i}","a ""quoted"" word${i % 5 === 0 ? '\nand a second line' : ''}"`);
  const text = rows.join('\n') + '\n';
  const path = writeTemp('dense.csv', text);
  const size = Buffer.byteLength(text);
  // The first line feed past the share with an even number of quotes before it, byte by byte.
  let expected: number | undefined;
  let odd = false;
  for (let k = 0; k < size; k++) {
    if (text.charCodeAt(k) === 34) odd = !odd;
    else if (k >= Math.floor(size * 0.47) && text.charCodeAt(k) === 10 && !odd) {
      expected = k + 1;
      break;
    }
  }
  assert.equal(findCsvSplit(path, size, 0.47), expected);
  assert.ok(text.slice(expected).startsWith('"u'));
});
