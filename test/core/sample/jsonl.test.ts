// The JSON Lines reader: flattening, blank lines, line numbers, bad lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenJsonObject, parseJsonLines } from '../../../server/src/core/sample/jsonl';

test('nested objects become dotted names, arrays lists of text, null is left out', () => {
  const flat = flattenJsonObject({
    user_id: 'u1',
    geo: { city: 'Oslo', point: { lat: 59.9, lon: 10.7 }, region: null },
    interests: ['sport', 3, true, null, { a: 1 }],
    empty: {},
    nothing: null,
    vip: false,
  });
  assert.deepEqual(Object.fromEntries(flat), {
    user_id: 'u1',
    'geo.city': 'Oslo',
    'geo.point.lat': 59.9,
    'geo.point.lon': 10.7,
    interests: ['sport', '3', 'true', '{"a":1}'],
    vip: false,
  });
});

test('blank lines are skipped but counted; CRLF and a BOM are fine', () => {
  const { rows, problems } = parseJsonLines('\ufeff{"a":1}\r\n\r\n   \n{"a":"Göteborg"}');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    rows.map((r) => [r.line, Object.fromEntries(r.values)]),
    [
      [1, { a: 1 }],
      [4, { a: 'Göteborg' }],
    ],
  );
});

test('lines that are not objects are reported with their line number', () => {
  const { rows, problems } = parseJsonLines('{"a":1}\n{"a":\nnull\n42\n[{"a":1}]\n{"a":2}\n');
  assert.deepEqual(
    rows.map((r) => r.line),
    [1, 6],
  );
  assert.equal(problems.length, 4);
  assert.equal(problems[0].line, 2);
  assert.match(problems[0].message, /^is not valid JSON \(.+\)$/);
  assert.deepEqual(problems.slice(1), [
    { line: 3, message: 'holds `null`, not a JSON object' },
    { line: 4, message: 'holds a number, not a JSON object' },
    { line: 5, message: 'holds an array, not a JSON object' },
  ]);
});

test('lines longer than a read and multi-byte characters across reads', () => {
  const long = 'é'.repeat(500);
  const text = `{"a":"${long}"}\n{"b":"🙂"}\n`;
  for (const chunkSize of [16, 17, 100]) {
    const { rows } = parseJsonLines(Buffer.from(text), { chunkSize });
    assert.deepEqual(
      rows.map((r) => Object.fromEntries(r.values)),
      [{ a: long }, { b: '🙂' }],
    );
  }
});
