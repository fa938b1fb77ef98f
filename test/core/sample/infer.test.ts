// Type inference rules and the byte-level value parsers they rest on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TypeEvidence, shouldRetypeAsString } from '../../../server/src/core/sample/infer';
import type { JsonCell } from '../../../server/src/core/sample/jsonl';
import {
  parseBooleanBytes,
  parseInstantBytes,
  parseNumberBytes,
} from '../../../server/src/core/sample/parse-value';
import { parseIsoInstant } from '../../../server/src/core/base/days';

function inferText(values: string[]) {
  const evidence = new TypeEvidence();
  for (const v of values) {
    const b = Buffer.from(`,${v},`);
    evidence.observeBytes(b, 1, b.length - 1);
  }
  return evidence.decide();
}

function inferJson(values: JsonCell[]) {
  const evidence = new TypeEvidence();
  for (const v of values) evidence.observeJson(v);
  return evidence.decide();
}

test('CSV text: boolean, number, date, list, string', () => {
  assert.equal(inferText(['true', 'FALSE', '', 'True']), 'boolean');
  assert.equal(inferText(['1', '-2.5', '', '1e3', ' 7 ']), 'number');
  assert.equal(inferText(['2024-01-31', '2024-02-01T10:00:00Z', '2024-02-01 10:00']), 'date');
  assert.equal(inferText(['sport;travel', 'outdoor', '']), 'list');
  assert.equal(inferText(['Oslo', 'Bergen']), 'string');
  assert.equal(inferText(['1', 'two']), 'string');
  assert.equal(inferText(['2024-01-31', 'soon']), 'string');
  assert.equal(inferText(['', ' ']), 'string');
  assert.equal(inferText([]), 'string');
});

test('CSV text: 0 and 1 are numbers; leading zeros make codes; a number list with ; is a list', () => {
  assert.equal(inferText(['0', '1', '1']), 'number');
  assert.equal(inferText(['0.5', '0', '-0.25']), 'number');
  assert.equal(inferText(['0150', '5003']), 'string');
  assert.equal(inferText(['1;2', '3']), 'list');
});

test('JSON values: the JSON kinds decide', () => {
  assert.equal(inferJson([1, 2.5]), 'number');
  assert.equal(inferJson([true, false]), 'boolean');
  assert.equal(inferJson([['a'], 'b']), 'list');
  assert.equal(inferJson(['2024-01-01', '2024-01-02T08:00:00Z']), 'date');
  assert.equal(inferJson(['42', '43']), 'string'); // text in JSON stays text
  assert.equal(inferJson([1, 'a']), 'string');
  assert.equal(inferJson([true, 1]), 'string');
});

test('one later value that does not fit is enough to read an inferred column as text', () => {
  assert.equal(shouldRetypeAsString(0), false);
  assert.equal(shouldRetypeAsString(1), true);
});

const bytesOf = (text: string) => Buffer.from(text);

test('numbers parse exactly as Number() does', () => {
  const decimal = fc
    .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{1,18}$/), fc.option(fc.stringMatching(/^\d{0,18}$/)))
    .map(([sign, int, frac]) => sign + int + (frac === null ? '' : '.' + frac));
  fc.assert(
    fc.property(fc.oneof(decimal, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)), (text) => {
      const expected = Number(text);
      const actual = parseNumberBytes(bytesOf(text), 0, Buffer.byteLength(text));
      if (text.includes('Infinity')) assert.ok(Number.isNaN(actual));
      else assert.ok(Object.is(actual, expected), `${text}: ${actual} vs ${expected}`);
    }),
    { numRuns: 2000 },
  );
  for (const bad of ['', '-', '.', '1.2.3', '0x10', 'Infinity', '1,5', 'NaN', '12abc', '1e', 'e5']) {
    assert.ok(Number.isNaN(parseNumberBytes(bytesOf(bad), 0, bad.length)), bad);
  }
});

test('dates and date-times parse as parseIsoInstant reads them', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const dateText = fc
    .record({
      y: fc.integer({ min: 1000, max: 2999 }),
      m: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      time: fc.option(
        fc.record({
          sep: fc.constantFrom('T', ' '),
          h: fc.integer({ min: 0, max: 24 }),
          mi: fc.integer({ min: 0, max: 60 }),
          s: fc.option(fc.integer({ min: 0, max: 61 })),
          zone: fc.constantFrom('', 'Z', '+02:00', '-0530', '.123Z'),
        }),
      ),
    })
    .map(({ y, m, d, time }) => {
      let text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      if (time) text += `${time.sep}${pad(time.h, 2)}:${pad(time.mi, 2)}${time.s === null ? '' : ':' + pad(time.s, 2)}${time.zone}`;
      return text;
    });
  fc.assert(
    fc.property(dateText, (text) => {
      const expected = parseIsoInstant(text) ?? NaN;
      const actual = parseInstantBytes(bytesOf(text), 0, text.length);
      assert.ok(Object.is(actual, expected), `${text}: ${actual} vs ${expected}`);
    }),
    { numRuns: 3000 },
  );
});

test('booleans: true and false in any case, nothing else', () => {
  for (const [text, v] of [
    ['true', 1],
    ['TRUE', 1],
    [' False ', 0],
    ['yes', -1],
    ['1', -1],
    ['truee', -1],
    ['', -1],
  ] as const) {
    assert.equal(parseBooleanBytes(bytesOf(text), 0, text.length), v, text);
  }
});
