import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyBitset, setBit } from '../../../server/src/core/base/bitset';
import { MASK, memberRows } from '../../../server/src/core/insight/member-rows';
import { cellText } from '../../../server/src/core/insight/column-values';
import { makeColumn, makeStore } from '../evaluate/fixtures';

test('the first members in file order, values as text, missing as null, personal data masked', () => {
  const store = makeStore({
    types: { email: 'string', signup: 'date', tags: 'list', vip: 'boolean' },
    profiles: [
      { id: 'a', email: 'a@x.no', signup: '2026-01-31', tags: ['x', 'y'], vip: true },
      { id: 'b', email: null, signup: null, tags: null, vip: false },
      { id: 'c', email: 'c@x.no', signup: '2025-12-01', tags: ['z'], vip: null },
    ],
  });
  const members = emptyBitset(3);
  setBit(members, 1);
  setBit(members, 2);
  const table = memberRows(store, members, 1, (name) => name === 'email');
  assert.deepEqual(table.columns.map((c) => [c.name, c.masked]), [['id', false], ['email', true], ['signup', false], ['tags', false], ['vip', false]]);
  assert.deepEqual(table.rows, [['b', null, null, null, 'false']]);
  assert.equal(table.count, 2);
  const all = memberRows(store, members, 10, (name) => name === 'email');
  assert.deepEqual(all.rows[1], ['c', MASK, '2025-12-01', 'z', null]);
});

test('cells as text: numbers as written, dates as ISO days, lists joined', () => {
  assert.equal(cellText(makeColumn('n', 'number', [2.5]), 0), '2.5');
  assert.equal(cellText(makeColumn('l', 'list', [['a', 'b']]), 0), 'a; b');
  assert.equal(cellText(makeColumn('n', 'number', [null]), 0), undefined);
});
