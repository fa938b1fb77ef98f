// The example project end to end: its data loaded by the real loader, its
// segments parsed from their files, every segment evaluated, and each result
// compared with the row-by-row reference evaluator run on the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import type { Column, SampleStore } from '../../../server/src/core/sample/store';
import { parseIsoDay } from '../../../server/src/core/base/days';
import { plainValue } from '../sample/helpers';
import { allTexts } from '../../../server/src/core/sample/packed-texts';
import { instantMs } from '../../../server/src/core/sample/event-instants';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { projectOf, type Cell, type ColumnTypes, type Row, type StoreSpec } from './fixtures';
import { referenceMembers } from './reference-evaluator';

const root = 'samples/nordic-shop';
const config = JSON.parse(readFileSync(join(root, 'segments.config.json'), 'utf8')) as { asOf: string };

function cell(column: Column, i: number): Cell {
  return plainValue(column, i) ?? null;
}

/** The store's values as plain rows, for the reference evaluator. */
function rowsOf(store: SampleStore): StoreSpec {
  const { profiles, events } = store;
  const types: ColumnTypes = Object.fromEntries([...profiles.columns].map(([name, c]) => [name, c.type]));
  const ids = allTexts(profiles.ids);
  const rows: Row[] = ids.map((id, i) => {
    const row: Row = { id };
    for (const [name, column] of profiles.columns) row[name] = cell(column, i);
    return row;
  });
  const eventRows: Row[] = [];
  const eventTypes: ColumnTypes = {};
  if (events) {
    for (const [name, c] of events.properties) eventTypes[name] = c.type;
    for (let p = 0; p < profiles.count; p++) {
      for (let e = events.profileStart[p]; e < events.profileStart[p + 1]; e++) {
        const row: Row = { id: ids[p], event: events.eventNames[events.nameCodes[e]], timestamp: new Date(instantMs(events.instants, e)).toISOString() };
        for (const [name, column] of events.properties) row[name] = cell(column, e);
        eventRows.push(row);
      }
    }
  }
  return { types, profiles: rows, eventTypes, events: eventRows };
}

test('every segment of the example project: evaluator and reference agree on the real sample', () => {
  const { store, diagnostics } = loadSample({
    profilesPath: join(root, 'data/users.csv'),
    eventsPath: join(root, 'data/events.csv'),
    idColumn: 'user_id',
  });
  assert.ok(store, diagnostics.map((d) => d.message).join('\n'));
  const files = readdirSync(join(root, 'segments')).filter((f) => f.endsWith('.segment'));
  const project = projectOf(...files.map((f) => readFileSync(join(root, 'segments', f), 'utf8')));
  assert.ok(project.size >= 5);

  const evaluator = new Evaluator(store, { asOfDay: parseIsoDay(config.asOf)! });
  const spec = rowsOf(store);
  let nonEmpty = 0;
  for (const [id, decl] of project) {
    const expected = referenceMembers(decl, { spec, asOf: config.asOf, segments: project });
    const result = evaluator.countSegment(decl, project);
    assert.deepEqual(evaluator.memberIds(decl, project), expected, `segment ${id}`);
    assert.equal(result.count, expected.length, `segment ${id}`);
    assert.equal(result.total, store.profiles.count);
    if (expected.length > 0 && expected.length < store.profiles.count) nonEmpty++;
  }
  // The comparison means something only if segments select real, partial audiences.
  assert.ok(nonEmpty >= project.size / 2, `only ${nonEmpty} of ${project.size} segments have a partial audience`);
});
