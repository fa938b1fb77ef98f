// Dictionary codes are stored one, two or four bytes wide, by how many distinct
// values a column has. The loaders start narrow and widen as the dictionary
// grows; what a user sees (values, conditions, statistics) must not depend on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import type { Column, SampleStore } from '../../../server/src/core/sample/store';
import { textAt } from '../../../server/src/core/sample/packed-texts';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { columnStats } from '../../../server/src/core/sample/field-stats';
import { transferablesOf } from '../../../server/src/lsp/data-messages';
import type { ProjectData } from '../../../server/src/core/workspace/project-data';
import { segmentOf } from '../evaluate/fixtures';
import { plainValue, writeTemp } from './helpers';

const ROWS = 80_000;

/** Row i's cells: `few` 10 values, `mid` 300, `many` one per row (more than 65,535), `tags` 300 items; every 7th row missing. */
function expected(i: number) {
  const gap = i % 7 === 3;
  return {
    few: gap ? undefined : `f${i % 10}`,
    mid: gap ? undefined : `m${i % 300}`,
    many: gap ? undefined : `x${i}`,
    tags: gap ? undefined : [`t${i % 300}`, `t${(i * 7 + 1) % 300}`],
  };
}

function csvProfiles(): string {
  const lines = ['user_id,few,mid,many,tags'];
  for (let i = 0; i < ROWS; i++) {
    const e = expected(i);
    lines.push(`u${i},${e.few ?? ''},${e.mid ?? ''},${e.many ?? ''},${e.tags?.join(';') ?? ''}`);
  }
  return lines.join('\n');
}

function jsonProfiles(): string {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const e = expected(i);
    lines.push(JSON.stringify({ user_id: `u${i}`, few: e.few ?? null, mid: e.mid ?? null, many: e.many ?? null, tags: e.tags ?? null }));
  }
  return lines.join('\n');
}

/** Events in reverse file order, so the loader reorders them (profile, then time). */
function csvEvents(): string {
  const lines = ['user_id,event,timestamp,product'];
  for (let i = ROWS - 1; i >= 0; i -= 2) lines.push(`u${i},e${i % 401},2026-01-0${1 + (i % 9)}T10:00:00Z,${i % 5 === 0 ? '' : `p${i % 1000}`}`);
  return lines.join('\n');
}

function widthOf(column: Column): string {
  if (column.type === 'string') return column.codes.constructor.name;
  if (column.type === 'list') return column.itemCodes.constructor.name;
  return 'none';
}

function load(profiles: string, name: string): SampleStore {
  const profilesPath = writeTemp(name, profiles);
  const eventsPath = writeTemp(`${name}.events.csv`, csvEvents());
  const { store, diagnostics } = loadSample({ profilesPath, eventsPath, idColumn: 'user_id' });
  assert.deepEqual(diagnostics, []);
  return store!;
}

for (const [format, text] of [
  ['CSV', csvProfiles],
  ['JSON Lines', jsonProfiles],
] as const) {
  test(`${format}: codes are as narrow as the dictionary allows, and every value reads back`, () => {
    const store = load(text(), format === 'CSV' ? 'wide.csv' : 'wide.jsonl');
    const columns = store.profiles.columns;
    assert.deepEqual(
      Object.fromEntries([...columns].map(([name, c]) => [name, widthOf(c)])),
      { few: 'Uint8Array', mid: 'Uint16Array', many: 'Int32Array', tags: 'Uint16Array' },
    );
    for (let i = 0; i < ROWS; i++) {
      const e = expected(i);
      for (const name of ['few', 'mid', 'many', 'tags'] as const) {
        assert.deepEqual(plainValue(columns.get(name)!, i), e[name], `row ${i}, ${name}`);
      }
    }
  });
}

test('event codes keep their width through the sort by profile, and the sorted rows hold the right values', () => {
  const store = load(csvProfiles(), 'events-width.csv');
  const events = store.events!;
  assert.equal(events.nameCodes.constructor.name, 'Uint16Array'); // 401 event names
  const product = events.properties.get('product')!;
  assert.equal(widthOf(product), 'Uint16Array'); // 1,000 products
  for (let p = 0; p < store.profiles.count; p++) {
    const i = Number(textAt(store.profiles.ids, p).slice(1));
    const rows = events.profileStart[p + 1] - events.profileStart[p];
    assert.equal(rows, i % 2 === ROWS % 2 ? 0 : 1, `events of u${i}`);
    if (rows === 0) continue;
    const row = events.profileStart[p];
    assert.equal(events.eventNames[events.nameCodes[row]], `e${i % 401}`);
    assert.equal(plainValue(product, row), i % 5 === 0 ? undefined : `p${i % 1000}`);
  }
});

test('conditions and statistics give the same answers at every code width, missing rows never matching', () => {
  const store = load(csvProfiles(), 'conditions.csv');
  const evaluator = new Evaluator(store, { asOfDay: 20_000 });
  const count = (condition: string) => evaluator.memberIds(segmentOf(condition), new Map()).length;
  const present = (i: number) => i % 7 !== 3;
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  // f0 / m0 / x0 are code 0: the code a missing row holds, so a wrong reader would count missing rows.
  assert.equal(count('few = "f0"'), rows.filter((i) => present(i) && i % 10 === 0).length);
  assert.equal(count('mid = "m0"'), rows.filter((i) => present(i) && i % 300 === 0).length);
  assert.equal(count('many = "x0"'), 1);
  assert.equal(count('many = "x70000"'), 1);
  assert.equal(count('few != "f0"'), rows.filter((i) => present(i) && i % 10 !== 0).length);
  assert.equal(count('mid starts with "m29"'), rows.filter((i) => present(i) && String(i % 300).startsWith('29')).length);
  assert.equal(count('tags contains "t0"'), rows.filter((i) => present(i) && (i % 300 === 0 || (i * 7 + 1) % 300 === 0)).length);
  assert.equal(count('did e0'), rows.filter((i) => i % 2 !== ROWS % 2 && i % 401 === 0).length);

  const few = columnStats(store.profiles.columns.get('few')!);
  assert.equal(few.missing, rows.filter((i) => !present(i)).length);
  assert.deepEqual(
    few.values?.find((v) => v.value === 'f0'),
    { value: 'f0', count: rows.filter((i) => present(i) && i % 10 === 0).length },
  );
});

test('every typed array of a loaded store owns its whole buffer, so the worker transfers it without a copy', () => {
  const store = load(csvProfiles(), 'owned.csv');
  let arrays = 0;
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    if (ArrayBuffer.isView(v)) {
      arrays++;
      assert.equal(v.byteOffset === 0 && v.byteLength === v.buffer.byteLength, true);
      return;
    }
    for (const item of v instanceof Map ? v.values() : Object.values(v)) visit(item);
  };
  visit(store);
  assert.equal(transferablesOf({ store } as ProjectData).length, arrays);
});
