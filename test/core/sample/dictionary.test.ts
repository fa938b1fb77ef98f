import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteDictionary } from '../../../server/src/core/sample/dictionary';

// Values that share a length and a first byte land on the same "recent value"
// slot, so these exercise the memo's equality check as well as the hash table.
const value = fc.oneof(
  fc.constantFrom('Oslo', 'Olso', 'Odense', 'Oslo ', 'oslo', 'mobile', 'tablet', 'Tromsø', 'Malmö', 'u000001', 'u000002', ''),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

test('codes from bytes and from strings agree with a Map, in order of first appearance', () => {
  fc.assert(
    fc.property(fc.array(value, { maxLength: 300 }), (values) => {
      const dictionary = new ByteDictionary();
      const reference = new Map<string, number>();
      for (const v of values) {
        const bytes = Buffer.from(`,${v},`, 'utf8');
        const viaBytes = dictionary.codeOfBytes(bytes, 1, bytes.length - 1);
        if (!reference.has(v)) reference.set(v, reference.size);
        assert.equal(viaBytes, reference.get(v));
        assert.equal(dictionary.codeOfString(v), reference.get(v));
      }
      assert.deepEqual(dictionary.values, [...reference.keys()]);
    }),
  );
});

test('find answers -1 for values never added, and never adds them', () => {
  fc.assert(
    fc.property(fc.array(value, { maxLength: 100 }), fc.array(value, { maxLength: 100 }), (added, looked) => {
      const dictionary = new ByteDictionary();
      for (const v of added) dictionary.codeOfString(v);
      const size = dictionary.size;
      for (const v of looked) {
        const expected = dictionary.values.indexOf(v);
        const bytes = Buffer.from(v, 'utf8');
        assert.equal(dictionary.findBytes(bytes, 0, bytes.length), expected);
        assert.equal(dictionary.findString(v), expected);
      }
      assert.equal(dictionary.size, size);
    }),
  );
});

test('a run of one id, then another of the same length and first letter, gives each its own code', () => {
  const dictionary = new ByteDictionary();
  const bytes = Buffer.from('u000001u000001u000002u000001', 'latin1');
  const codes = [0, 7, 14, 21].map((at) => dictionary.codeOfBytes(bytes, at, at + 7));
  assert.deepEqual(codes, [0, 0, 1, 0]);
  assert.equal(dictionary.findBytes(Buffer.from('u000003'), 0, 7), -1);
  assert.deepEqual(dictionary.values, ['u000001', 'u000002']);
});
