import { test } from 'node:test';
import assert from 'node:assert/strict';
import { largestMove, relativeChange, sizeMovesOver, type SizeChange } from '../../../server/src/core/diff/size-change';

function size(before: number | null, after: number | null): SizeChange {
  return { before, after, change: before === null || after === null ? null : after - before, relative: before === null || after === null ? null : relativeChange(before, after) };
}

test('relative change is against the base; growth from 0 is infinite', () => {
  assert.equal(relativeChange(1204, 980), (980 - 1204) / 1204);
  assert.equal(relativeChange(0, 0), 0);
  assert.equal(relativeChange(0, 3), Infinity);
  assert.equal(relativeChange(5, 0), -1);
});

test('the threshold is exclusive and exact: 20 of 100 is not more than 20%', () => {
  const items = [
    { segment: 'exactly', size: size(100, 120) },
    { segment: 'over', size: size(100, 79) },
    { segment: 'from_zero', size: size(0, 1) },
    { segment: 'zero_to_zero', size: size(0, 0) },
    { segment: 'unknown', size: size(null, 10) },
  ];
  assert.deepEqual(sizeMovesOver(items, 20).map((m) => m.segment), ['over', 'from_zero']);
  // 0.1 + 0.2 style float error must not matter: 7 of 35 is exactly 20%.
  assert.deepEqual(sizeMovesOver([{ segment: 's', size: size(35, 42) }], 20), []);
});

test('largest move: by absolute relative change, infinite first, ties by id', () => {
  assert.equal(largestMove([{ segment: 'b', size: size(10, 5) }, { segment: 'a', size: size(10, 15) }])?.segment, 'a');
  assert.equal(largestMove([{ segment: 'a', size: size(10, 1) }, { segment: 'z', size: size(0, 1) }])?.segment, 'z');
  assert.equal(largestMove([{ segment: 'a', size: size(10, 10) }]), undefined);
});
