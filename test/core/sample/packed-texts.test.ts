// Packed texts (the profile ids): reading one, many and all, packing strings,
// packing a ByteDictionary, and surviving a transfer to another thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allTexts, packTexts, packedTextCount, textAt, textsAt } from '../../../server/src/core/sample/packed-texts';
import { ByteDictionary } from '../../../server/src/core/sample/dictionary';

const MIXED = ['u1', 'Tromsø', '', 'ø', '😀', 'user 42', 'Malmö-😀-x', 'u2'];

test('ASCII ids read back one by one, in bulk and all at once', () => {
  const ids = ['u1', 'u2', 'u10', 'customer-000123'];
  const packed = packTexts(ids);
  assert.equal(packedTextCount(packed), 4);
  assert.deepEqual(Array.from(packed.starts), [0, 2, 4, 7, 22]);
  assert.deepEqual(ids.map((_, i) => textAt(packed, i)), ids);
  assert.deepEqual(allTexts(packed), ids);
  assert.deepEqual(textsAt(packed, [3, 0, 0, 2]), ['customer-000123', 'u1', 'u1', 'u10']);
});

test('non-ASCII UTF-8 ids (ø, emoji) and empty texts read back whole, between ASCII ones', () => {
  const packed = packTexts(MIXED);
  assert.equal(packed.bytes.length, Buffer.byteLength(MIXED.join(''), 'utf8'));
  assert.deepEqual(MIXED.map((_, i) => textAt(packed, i)), MIXED);
  assert.deepEqual(allTexts(packed), MIXED);
  assert.deepEqual(textsAt(packed, [4, 0, 1]), ['😀', 'u1', 'Tromsø']);
});

test('an empty table has no texts', () => {
  const packed = packTexts([]);
  assert.equal(packedTextCount(packed), 0);
  assert.deepEqual(Array.from(packed.starts), [0]);
  assert.deepEqual(allTexts(packed), []);
  assert.deepEqual(textsAt(packed, []), []);
  const fromDictionary = new ByteDictionary().packed();
  assert.equal(packedTextCount(fromDictionary), 0);
  assert.deepEqual(allTexts(fromDictionary), []);
});

test('any well-formed texts and any ascending pick of rows read back as given', () => {
  const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constantFrom(...MIXED));
  fc.assert(
    fc.property(fc.array(text, { maxLength: 200 }), fc.array(fc.boolean(), { maxLength: 200 }), (texts, picks) => {
      const packed = packTexts(texts);
      assert.deepEqual(allTexts(packed), texts);
      const rows = texts.map((_, i) => i).filter((i) => picks[i]);
      assert.deepEqual(textsAt(packed, rows), rows.map((i) => texts[i]));
    }),
  );
});

test('picks spread over more than one decoded window read back right', () => {
  const ids = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 7 ? `ø${i}` : `profile-${i}`));
  const packed = packTexts(ids);
  assert.ok(packed.bytes.length > 3 * 64 * 1024);
  const rows = ids.map((_, i) => i).filter((i) => i % 3 === 0 || i % 4099 === 1);
  assert.deepEqual(textsAt(packed, rows), rows.map((i) => ids[i]));
  assert.deepEqual(allTexts(packed), ids);
});

test('a ByteDictionary packs its values in code order, in arrays that own their buffers', () => {
  const dictionary = new ByteDictionary();
  for (const v of [...MIXED, 'u1', 'ø']) dictionary.codeOfString(v);
  const bytes = Buffer.from(',Oslo,', 'utf8');
  dictionary.codeOfBytes(bytes, 1, 5);
  const packed = dictionary.packed();
  assert.equal(packedTextCount(packed), dictionary.size);
  assert.deepEqual(allTexts(packed), [...MIXED, 'Oslo']);
  assert.deepEqual(allTexts(packed), dictionary.values);
  for (const a of [packed.bytes, packed.starts]) assert.equal(a.byteOffset === 0 && a.byteLength === a.buffer.byteLength, true);
  dictionary.codeOfString('added later');
  assert.deepEqual(allTexts(packed), [...MIXED, 'Oslo']);
});

test('packed texts survive a structured clone that transfers their buffers', () => {
  const packed = packTexts(MIXED);
  const moved = structuredClone(packed, { transfer: [packed.bytes.buffer as ArrayBuffer, packed.starts.buffer as ArrayBuffer] });
  assert.equal(packed.bytes.byteLength, 0); // transferred, not copied
  assert.deepEqual(allTexts(moved), MIXED);
});
