// The catalog built from schema and sample: who wins, and the statistics shown in hovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalog } from '../../../server/src/core/sample/catalog';
import { DISTINCT_VALUE_CAP } from '../../../server/src/core/sample/catalog-types';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import type { SchemaDocument } from '../../../server/src/core/project/schema-types';
import { orderStats } from '../../../server/src/core/sample/field-stats';
import { encodeNumbers } from '../../../server/src/core/sample/number-dictionary';
import { writeTemp } from './helpers';

const SCHEMA: SchemaDocument = {
  attributes: new Map([
    ['age', { type: 'number' as const, description: 'Age in years' }],
    ['device', { type: 'string' as const, values: ['mobile', 'desktop', 'tablet'] }],
    ['old_score', { type: 'number' as const, deprecated: 'use engagement_score' }],
  ]),
  events: new Map([
    ['purchase', { description: 'Completed order', properties: new Map([['amount', { type: 'number' as const }]]) }],
    ['refund', { properties: new Map() }],
  ]),
};

function sample(schema?: SchemaDocument) {
  const profilesPath = writeTemp(
    'catalog-profiles.csv',
    [
      'user_id,age,device,city,vip,joined,interests',
      'u1,30,mobile,Oslo,true,2024-01-10,sport;travel',
      'u2,40,mobile,Bergen,false,2024-01-20,sport',
      'u3,,desktop,Oslo,true,2024-02-01T12:00:00Z,',
      'u4,20,tablet,Oslo,,2023-12-31,travel;sport;travel',
    ].join('\n'),
  );
  const eventsPath = writeTemp(
    'catalog-events.csv',
    [
      'user_id,event,timestamp,amount,page',
      'u1,purchase,2024-03-01,100,',
      'u2,purchase,2024-03-02,,',
      'u1,view,2024-03-01,,home',
      'u3,view,2024-03-01,,shoes',
      'u3,view,2024-03-02,,home',
    ].join('\n'),
  );
  const { store, diagnostics } = loadSample({ profilesPath, eventsPath, idColumn: 'user_id', schema });
  assert.deepEqual(diagnostics, []);
  return store!;
}

test('schema declarations win; sample-only columns are added with their inferred type', () => {
  const catalog = buildCatalog(sample(SCHEMA), SCHEMA);
  assert.equal(catalog.profileCount, 4);
  assert.deepEqual(
    [...catalog.attributes.values()].map((f) => [f.name, f.type, f.source]),
    [
      ['age', 'number', 'schema'],
      ['device', 'string', 'schema'],
      ['old_score', 'number', 'schema'],
      ['city', 'string', 'sample'],
      ['vip', 'boolean', 'sample'],
      ['joined', 'date', 'sample'],
      ['interests', 'list', 'sample'],
    ],
  );
  const age = catalog.attributes.get('age')!;
  assert.equal(age.description, 'Age in years');
  assert.deepEqual(catalog.attributes.get('device')!.allowedValues, ['mobile', 'desktop', 'tablet']);
  assert.equal(catalog.attributes.get('old_score')!.deprecated, 'use engagement_score');
  assert.equal(catalog.attributes.get('old_score')!.stats, undefined, 'not in the sample: no statistics');
});

test('statistics: counts of values most frequent first, min / median / max, dates as ISO', () => {
  const catalog = buildCatalog(sample(), undefined);
  const stats = (name: string) => catalog.attributes.get(name)!.stats;
  assert.deepEqual(stats('age'), { rows: 4, missing: 1, min: 20, median: 30, max: 40 });
  assert.deepEqual(stats('city'), {
    rows: 4,
    missing: 0,
    values: [
      { value: 'Oslo', count: 3 },
      { value: 'Bergen', count: 1 },
    ],
  });
  assert.deepEqual(stats('vip'), {
    rows: 4,
    missing: 1,
    values: [
      { value: 'true', count: 2 },
      { value: 'false', count: 1 },
    ],
  });
  // Dates: the median of four is the day halfway between the middle two (rounded down); a date-time counts by its UTC day.
  assert.deepEqual(stats('joined'), { rows: 4, missing: 0, min: '2023-12-31', median: '2024-01-15', max: '2024-02-01' });
  // Lists: rows holding each item (`travel` twice in one row counts once).
  assert.deepEqual(stats('interests'), {
    rows: 4,
    missing: 1,
    values: [
      { value: 'sport', count: 3 },
      { value: 'travel', count: 2 },
    ],
  });
});

test('events from the schema and the sample, with counts and per-event property statistics', () => {
  const catalog = buildCatalog(sample(SCHEMA), SCHEMA);
  const purchase = catalog.events.get('purchase')!;
  assert.equal(purchase.source, 'schema');
  assert.equal(purchase.description, 'Completed order');
  assert.equal(purchase.count, 2);
  assert.deepEqual([...purchase.properties.keys()], ['amount']);
  assert.deepEqual(purchase.properties.get('amount')!.stats, { rows: 2, missing: 1, min: 100, median: 100, max: 100 });
  assert.equal(catalog.events.get('refund')!.count, 0);
  const view = catalog.events.get('view')!;
  assert.equal(view.source, 'sample');
  assert.equal(view.count, 3);
  assert.deepEqual([...view.properties.keys()], ['page']);
  assert.deepEqual(view.properties.get('page')!.stats!.values, [
    { value: 'home', count: 2 },
    { value: 'shoes', count: 1 },
  ]);
});

test('without a sample the catalog is the schema alone, without statistics or counts', () => {
  const catalog = buildCatalog(undefined, SCHEMA);
  assert.equal(catalog.profileCount, undefined);
  assert.deepEqual([...catalog.attributes.keys()], ['age', 'device', 'old_score']);
  assert.equal(catalog.attributes.get('age')!.stats, undefined);
  assert.equal(catalog.events.get('purchase')!.count, undefined);
  assert.deepEqual(buildCatalog(undefined, undefined), { attributes: new Map(), events: new Map() });
});

test('distinct values are capped, and the cap is flagged', () => {
  const rows = ['user_id,code'];
  for (let i = 0; i <= DISTINCT_VALUE_CAP; i++) rows.push(`u${i},c${i % (DISTINCT_VALUE_CAP + 1)}`);
  rows.push('ux,c7');
  const profilesPath = writeTemp('many-values.csv', rows.join('\n'));
  const catalog = buildCatalog(loadSample({ profilesPath, idColumn: 'user_id' }).store, undefined);
  const stats = catalog.attributes.get('code')!.stats!;
  assert.equal(stats.values!.length, DISTINCT_VALUE_CAP);
  assert.equal(stats.valuesCapped, true);
  assert.deepEqual(stats.values![0], { value: 'c7', count: 2 });
});

/** Min, median and max of the values, the way a column's statistics compute them (counts per sorted distinct value). */
function medianOf(values: ArrayLike<number>): { min: number; median: number; max: number } {
  const { codes, dictionary } = encodeNumbers(values, () => false);
  const counts = new Int32Array(dictionary.length);
  for (const code of codes) counts[code]++;
  return orderStats(counts, dictionary, values.length);
}

test('median of odd and even counts, any order', () => {
  assert.deepEqual(medianOf(Float64Array.from([5, 1, 3])), { min: 1, median: 3, max: 5 });
  assert.deepEqual(medianOf(Float64Array.from([4, 1, 3, 2])), { min: 1, median: 2.5, max: 4 });
  assert.deepEqual(medianOf(Float64Array.from([7])), { min: 7, median: 7, max: 7 });
  const many = Float64Array.from({ length: 10001 }, (_, i) => (i * 7919) % 10001);
  assert.equal(medianOf(many).median, 5000);
  const same = new Float64Array(1000).fill(2);
  assert.equal(medianOf(same).median, 2);
  assert.deepEqual(medianOf([1, 1, 1, 9]), { min: 1, median: 1, max: 9 });
  assert.deepEqual(medianOf([1, 1, 9, 9]), { min: 1, median: 5, max: 9 });
});

test("statistics are computed when first read, once; an event's properties likewise", () => {
  const catalog = buildCatalog(sample(SCHEMA), SCHEMA);
  const city = catalog.attributes.get('city')!;
  const descriptor = Object.getOwnPropertyDescriptor(city, 'stats')!;
  assert.equal(typeof descriptor.get, 'function', 'not computed while building the catalog');
  const stats = city.stats;
  assert.equal(city.stats, stats, 'the same object on the next read');
  assert.equal(Object.getOwnPropertyDescriptor(city, 'stats')!.value, stats, 'kept as a plain value');
  const view = catalog.events.get('view')!;
  assert.equal(typeof Object.getOwnPropertyDescriptor(view, 'properties')!.get, 'function');
  assert.deepEqual([...view.properties.keys()], ['page']);
  assert.deepEqual({ ...catalog.attributes.get('age')! }, { name: 'age', type: 'number', source: 'schema', description: 'Age in years', stats: { rows: 4, missing: 1, min: 20, median: 30, max: 40 } }, 'reads like plain data');
});
