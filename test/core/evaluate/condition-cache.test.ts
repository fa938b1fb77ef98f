import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConditionCache } from '../../../server/src/core/evaluate/condition-cache';

test('the least recently used entries go first when the byte budget is passed', () => {
  const cache = new ConditionCache(3 * 400);
  const bits = () => new Uint32Array(100); // 400 bytes
  cache.set('a', bits());
  cache.set('b', bits());
  cache.set('c', bits());
  assert.ok(cache.get('a')); // a is now the most recently used
  cache.set('d', bits());
  assert.equal(cache.size, 3);
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a') && cache.get('c') && cache.get('d'));
});

test('replacing a key does not count its bytes twice, and an oversized result is not kept', () => {
  const cache = new ConditionCache(800);
  cache.set('a', new Uint32Array(100));
  cache.set('a', new Uint32Array(100));
  cache.set('b', new Uint32Array(100));
  assert.equal(cache.size, 2);
  cache.set('huge', new Uint32Array(1000));
  assert.equal(cache.get('huge'), undefined);
  assert.equal(cache.size, 2);
  cache.clear();
  assert.equal(cache.size, 0);
});
