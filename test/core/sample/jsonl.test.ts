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

test('a line longer than the limit is reported and skipped without being held, and the next lines are read', () => {
  const long = `{"a":"${'x'.repeat(5000)}"}`;
  const text = `{"a":1}\n${long}\n{"a":2}\n${'y'.repeat(3000)}`;
  for (const chunkSize of [64, 1000, 100_000]) {
    const { rows, problems } = parseJsonLines(text, { chunkSize, maxLineBytes: 1024 });
    assert.deepEqual(rows.map((r) => [r.line, r.values.get('a')]), [[1, 1], [3, 2]], `chunk ${chunkSize}`);
    assert.deepEqual(problems.map((p) => p.line), [2, 4]);
    assert.match(problems[0].message, /^is longer than \d+ MB/);
  }
});

test('a line that is not valid UTF-8 is read as Windows-1252 and noted; valid lines stay UTF-8 (issue 12)', () => {
  const bytes = Buffer.concat([
    Buffer.from('{"city":"Tromsø"}\n', 'utf8'),
    Buffer.from('{"city":"Troms'),
    Buffer.from([0xf8]),
    Buffer.from('"}\n{"city":"Troms'),
    Buffer.from([0xe6]),
    Buffer.from('", "price":"'),
    Buffer.from([0x80]),
    Buffer.from('5"}\n'),
  ]);
  for (const chunkSize of [16, 1 << 20]) {
    const { rows, firstNonUtf8Line } = parseJsonLines(bytes, { chunkSize });
    assert.deepEqual(rows.map((r) => r.values.get('city')), ['Tromsø', 'Tromsø', 'Tromsæ']);
    assert.equal(rows[2].values.get('price'), '€5');
    assert.equal(firstNonUtf8Line, 2);
  }
  assert.equal(parseJsonLines('{"a":"Göteborg 🙂"}\n').firstNonUtf8Line, 0);
});

test('the reason a line is not JSON never quotes the line', () => {
  const secret = 'machine example.com login me password hunter2';
  const { problems } = parseJsonLines(`{"a": ${secret}}\n${secret}\n`);
  assert.equal(problems.length, 2);
  for (const p of problems) {
    assert.ok(!p.message.includes('hunter2') && !p.message.includes('example.com'), p.message);
    assert.match(p.message, /^is not valid JSON \(Unexpected token '[a-z]'\)$/);
  }
});
