import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noteTiming, recordTimings, stopRecordingTimings, timed } from '../../../server/src/core/base/timings';

test('phases are recorded only while recording, nested with their depth, notes without a time', () => {
  assert.equal(timed('ignored', () => 7), 7);
  const phases = recordTimings();
  const value = timed('outer', () => {
    noteTiming('found it');
    return timed('inner', () => 1) + timed('inner', () => 2);
  });
  assert.throws(() => timed('failing', () => {
    throw new Error('boom');
  }));
  stopRecordingTimings();
  timed('after', () => 0);
  assert.equal(value, 3);
  assert.deepEqual(phases.map((p) => [p.phase, p.depth, Number.isNaN(p.ms)]), [
    ['outer', 0, false],
    ['found it', 1, true],
    ['inner', 1, false],
    ['inner', 1, false],
    ['failing', 0, false],
  ]);
  assert.ok(phases.every((p) => Number.isNaN(p.ms) || p.ms >= 0));
});
