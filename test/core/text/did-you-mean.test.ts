// Did-you-mean: the closest believable candidate, never one that holds the
// replacement character U+FFFD (text a program failed to decode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName } from '../../../server/src/core/text/did-you-mean';

test('a close candidate is offered; one holding U+FFFD never is', () => {
  assert.equal(closestName('Tromso', ['Tromsø', 'Oslo']), 'Tromsø');
  assert.equal(closestName('Tromso', ['Troms\uFFFD', 'Oslo']), undefined);
  assert.equal(closestName('titel', ['title']), 'title');
});
