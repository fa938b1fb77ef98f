// JSON text of parsed values without recursion: the same text as
// JSON.stringify, and no stack overflow however deep the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonText } from '../../../server/src/core/sample/json-text';

test('the same text as JSON.stringify for any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      assert.equal(jsonText(value), JSON.stringify(value));
    }),
    { numRuns: 300 },
  );
  assert.equal(jsonText({ a: [1, { b: null }], c: 'x"y', d: {} , e: [] }), '{"a":[1,{"b":null}],"c":"x\\"y","d":{},"e":[]}');
});

test('a value nested 100,000 levels deep is written without overflowing the stack', () => {
  const depth = 100_000;
  const text = `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
  const value = JSON.parse(text) as unknown;
  assert.throws(() => JSON.stringify(value), RangeError);
  assert.equal(jsonText(value), text);
});
