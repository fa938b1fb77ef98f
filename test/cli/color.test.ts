import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wantsColor } from '../../server/src/cli/color';

test('colour on a terminal only, never in CI', () => {
  assert.equal(wantsColor({}, true), true);
  assert.equal(wantsColor({}, false), false);
  assert.equal(wantsColor({ CI: 'true' }, true), false);
});

test('NO_COLOR turns colour off; an empty NO_COLOR does not', () => {
  assert.equal(wantsColor({ NO_COLOR: '1' }, true), false);
  assert.equal(wantsColor({ NO_COLOR: '' }, true), true);
});

test('FORCE_COLOR turns colour on in pipes and CI, and wins over NO_COLOR', () => {
  for (const value of ['1', '2', '3', 'true', '']) {
    assert.equal(wantsColor({ FORCE_COLOR: value }, false), true, `FORCE_COLOR=${value}`);
    assert.equal(wantsColor({ FORCE_COLOR: value, CI: 'true', NO_COLOR: '1' }, false), true, `FORCE_COLOR=${value} NO_COLOR=1`);
  }
});

test('FORCE_COLOR=0 or false turns colour off, even on a terminal', () => {
  for (const value of ['0', 'false', 'FALSE']) assert.equal(wantsColor({ FORCE_COLOR: value }, true), false, `FORCE_COLOR=${value}`);
});
