// Loading events: grouping by profile in profile order, time order within a
// profile, unknown ids, unusable rows, property types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import { valueAt, type EventTable, type PackedTexts } from '../../../server/src/core/sample/store';
import { formatDay } from '../../../server/src/core/base/days';
import { allTexts } from '../../../server/src/core/sample/packed-texts';
import type { SchemaDocument } from '../../../server/src/core/project/schema-types';
import { describe, plainValue, writeTemp } from './helpers';
import { instantMs } from '../../../server/src/core/sample/event-instants';

const PROFILES = 'user_id,age\nu1,30\nu2,40\nu3,50\n';

function loadWithEvents(name: string, events: string, schema?: SchemaDocument) {
  const profilesPath = writeTemp(`profiles-for-${name}.csv`, PROFILES);
  const eventsPath = writeTemp(name, events);
  return { eventsPath, ...loadSample({ profilesPath, eventsPath, idColumn: 'user_id', schema }) };
}

/** Each profile's events as `name@ISO` strings, in table order. */
function eventsByProfile(ids: PackedTexts, events: EventTable): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  allTexts(ids).forEach((id, p) => {
    const list: string[] = [];
    for (let i = events.profileStart[p]; i < events.profileStart[p + 1]; i++) {
      list.push(`${events.eventNames[events.nameCodes[i]]}@${new Date(instantMs(events.instants, i)).toISOString()}`);
    }
    out[id] = list;
  });
  return out;
}

test('events are grouped by profile in profile order and sorted by time within each', () => {
  const { store, diagnostics } = loadWithEvents(
    'events.csv',
    [
      'user_id,event,timestamp,amount',
      'u3,view,2024-03-02T10:00:00Z,',
      'u1,purchase,2024-03-05T10:00:00Z,120',
      'u1,view,2024-03-01T09:00:00Z,',
      'u3,view,2024-03-01T10:00:00Z,',
      'u1,view,2024-03-05T10:00:00Z,', // same instant as the purchase: file order decides
      'u1,cart,2024-02-28,',
    ].join('\n'),
  );
  assert.deepEqual(describe(diagnostics), []);
  const events = store!.events!;
  assert.equal(events.count, 6);
  assert.deepEqual(Array.from(events.profileStart), [0, 4, 4, 6]);
  assert.deepEqual(eventsByProfile(store!.profiles.ids, events), {
    u1: [
      'cart@2024-02-28T00:00:00.000Z',
      'view@2024-03-01T09:00:00.000Z',
      'purchase@2024-03-05T10:00:00.000Z',
      'view@2024-03-05T10:00:00.000Z',
    ],
    u2: [],
    u3: ['view@2024-03-01T10:00:00.000Z', 'view@2024-03-02T10:00:00.000Z'],
  });
  assert.deepEqual([0, 1].map((e) => valueAt(events.days, e)), [Date.UTC(2024, 1, 28) / 86_400_000, Date.UTC(2024, 2, 1) / 86_400_000]);
  const amount = events.properties.get('amount')!;
  assert.equal(amount.type, 'number');
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => plainValue(amount, i)),
    [undefined, undefined, 120, undefined],
  );
});

test('events of unknown ids are dropped and counted; unusable rows are dropped with a warning', () => {
  const { store, diagnostics } = loadWithEvents(
    'messy.csv',
    [
      'user_id,event,timestamp',
      'u1,view,2024-03-01',
      'u9,view,2024-03-01',
      ',view,2024-03-01',
      'u1,,2024-03-01',
      'u1,view,',
      'u1,view,last tuesday',
      'u8,view,2024-03-01',
      'u2,purchase,2024-03-03T12:00:00+01:00',
    ].join('\n'),
  );
  assert.deepEqual(describe(diagnostics), [
    'warning events-missing-id 4: Line 4 has no `user_id`; the event is skipped.',
    'warning events-missing-name 5: Line 5 has no `event` name; the event is skipped.',
    'warning events-bad-timestamp 6: Line 6 has no `timestamp`; the event is skipped.',
    'warning events-bad-timestamp 7: Line 7: the timestamp `last tuesday` is not an ISO date or date-time; the event is skipped.',
    'info events-unknown-profile 3: 2 events belong to ids that are not in the profile sample (the first on line 3); they are ignored.',
  ]);
  const events = store!.events!;
  assert.equal(events.orphanCount, 2);
  assert.deepEqual(eventsByProfile(store!.profiles.ids, events), {
    u1: ['view@2024-03-01T00:00:00.000Z'],
    u2: ['purchase@2024-03-03T11:00:00.000Z'],
    u3: [],
  });
});

test('an events file without the needed columns is an error; the profiles still load', () => {
  const { store, diagnostics } = loadWithEvents('no-columns.csv', 'user_id,name,time\nu1,view,2024-01-01\n');
  assert.ok(store);
  assert.equal(store!.events, undefined);
  assert.deepEqual(describe(diagnostics), [
    'error events-missing-column 1: The events file has no `event` and `timestamp` columns; it needs `user_id`, `event` and `timestamp`. Its 3 columns are `user_id`, `name` and `time`.',
  ]);
});

test('a missing events file is an error; the profiles still load', () => {
  const profilesPath = writeTemp('p-only.csv', PROFILES);
  const eventsPath = profilesPath.replace('p-only.csv', 'absent-events.csv');
  const { store, diagnostics } = loadSample({ profilesPath, eventsPath, idColumn: 'user_id' });
  assert.equal(store!.profiles.count, 3);
  assert.equal(store!.events, undefined);
  assert.deepEqual(describe(diagnostics), [`error sample-file-not-found 1: The events file \`${eventsPath}\` does not exist.`]);
});

test('property types: declared by the schema events, inferred otherwise', () => {
  const schema: SchemaDocument = {
    attributes: new Map(),
    events: new Map([['purchase', { properties: new Map([['order_id', { type: 'string' as const }]]) }]]),
  };
  const { store, diagnostics } = loadWithEvents(
    'props.csv',
    'user_id,event,timestamp,order_id,amount,category\nu1,purchase,2024-01-01,1001,9.5,shoes\nu2,purchase,2024-01-02,1002,abc,bags\n',
    schema,
  );
  const properties = store!.events!.properties;
  assert.deepEqual(
    [...properties].map(([name, c]) => [name, c.type]),
    [
      ['order_id', 'string'],
      ['amount', 'string'],
      ['category', 'string'],
    ],
  );
  assert.deepEqual(describe(diagnostics), []);
  assert.equal(plainValue(properties.get('order_id')!, 0), '1001');
});

test('JSON Lines events with nested properties', () => {
  const { store, diagnostics } = loadWithEvents(
    'events.jsonl',
    [
      '{"user_id":"u2","event":"purchase","timestamp":"2024-01-02T10:00:00Z","order":{"total":10,"items":["a","b"]}}',
      '{"user_id":"u2","event":"view","timestamp":"2024-01-01T10:00:00Z"}',
      '{"user_id":"u1","event":"view","timestamp":"2024-01-03"}',
    ].join('\n'),
  );
  assert.deepEqual(describe(diagnostics), []);
  const events = store!.events!;
  assert.deepEqual(eventsByProfile(store!.profiles.ids, events), {
    u1: ['view@2024-01-03T00:00:00.000Z'],
    u2: ['view@2024-01-01T10:00:00.000Z', 'purchase@2024-01-02T10:00:00.000Z'],
    u3: [],
  });
  assert.deepEqual(plainValue(events.properties.get('order.items')!, 2), ['a', 'b']);
  assert.equal(plainValue(events.properties.get('order.total')!, 2), 10);
  assert.equal(plainValue(events.properties.get('order.total')!, 1), undefined);
});

test('the table keeps each event\'s UTC day and its instant, compactly: seconds, and milliseconds only when some event has them', () => {
  const profilesPath = writeTemp('profiles-for-days.csv', PROFILES);
  const eventsPath = writeTemp('days.csv', 'user_id,event,timestamp\nu1,view,2024-01-01T23:30:00-02:00\nu1,view,2024-01-01T08:00:00Z\nu2,view,2024-01-01\n');
  const { store } = loadSample({ profilesPath, eventsPath, idColumn: 'user_id' });
  const events = store!.events!;
  // Sorted by time within the profile: 08:00Z first, then 23:30-02:00 (01:30Z the next day).
  assert.deepEqual([0, 1].map((e) => formatDay(valueAt(events.days, e))), ['2024-01-01', '2024-01-02']);
  assert.deepEqual([0, 1, 2].map((e) => new Date(instantMs(events.instants, e)).toISOString()), [
    '2024-01-01T08:00:00.000Z',
    '2024-01-02T01:30:00.000Z',
    '2024-01-01T00:00:00.000Z',
  ]);
  assert.equal(events.instants.kind, 'seconds');
  assert.ok(events.instants.kind === 'seconds' && events.instants.seconds instanceof Uint32Array && events.instants.millis === undefined);

  const withMillis = writeTemp('millis.csv', 'user_id,event,timestamp\nu1,view,2024-01-01T08:00:00.250Z\nu1,view,2024-01-01T08:00:00Z\n');
  const fine = loadSample({ profilesPath, eventsPath: withMillis, idColumn: 'user_id' }).store!.events!;
  assert.ok(fine.instants.kind === 'seconds' && fine.instants.millis instanceof Uint16Array);
  assert.deepEqual([0, 1].map((e) => instantMs(fine.instants, e) % 1000), [0, 250]);
});
