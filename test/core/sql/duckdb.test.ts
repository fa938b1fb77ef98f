// Every condition form, compiled for DuckDB and run on real data: the ids each
// query returns must be exactly the members the rules of docs/language.md give (expected
// sets written by hand from the table in ./fixtures.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSegment } from '../../../server/src/core/sql/compile';
import { catalogFromTypes, DuckDbHarness } from './duckdb-harness';
import { AS_OF, EVENT_PROPERTY_TYPES, EVENTS, ID_COLUMN, PROFILE_TYPES, PROFILES, parseProject } from './fixtures';

const catalog = catalogFromTypes(PROFILE_TYPES, {
  purchase: EVENT_PROPERTY_TYPES,
  product_view: EVENT_PROPERTY_TYPES,
  'Order Completed': EVENT_PROPERTY_TYPES,
});

const HELPERS = `
segment adults { include age >= 30 }
segment adults_not_vip { include segment adults exclude vip }
`;

/** [condition as written in `include`, ids of the members]. */
const CASES: [string, string[]][] = [
  // numbers, and missing values under not / != / not in
  ['age > 30', ['u2', 'u6']],
  ['not (age > 30)', ['u1', 'u3', 'u4', 'u5', 'u7']],
  ['age != 30', ['u1', 'u2', 'u5', 'u6']],
  ['not (age != 30)', ['u3', 'u4', 'u7']],
  ['age <= 30', ['u1', 'u4', 'u5']],
  ['age < 25', ['u5']],
  ['age >= 61.5', ['u6']],
  ['age = 61.5', ['u6']],
  ['age between 18 and 30', ['u1', 'u4', 'u5']],
  ['not (age between 18 and 30)', ['u2', 'u3', 'u6', 'u7']],
  ['age between 30 and 18', []],
  ['age in (25, 35)', ['u1', 'u2']],
  ['age not in (25, 35)', ['u4', 'u5', 'u6']],
  ['not (age in (25, 35))', ['u3', 'u4', 'u5', 'u6', 'u7']],
  ['age is missing', ['u3', 'u7']],
  ['age is present', ['u1', 'u2', 'u4', 'u5', 'u6']],
  ['not (age is missing)', ['u1', 'u2', 'u4', 'u5', 'u6']],
  // strings: case-sensitive, code-point order
  ['city = "Oslo"', ['u1']],
  ['city != "Oslo"', ['u2', 'u4', 'u5', 'u6', 'u7']],
  ['city < "Oslo"', ['u2', 'u7']],
  ['city > "Oslo"', ['u4', 'u5', 'u6']],
  ['city >= "a"', ['u4', 'u5']],
  ['city <= "Z"', ['u1', 'u2', 'u6', 'u7']],
  ['city in ("Oslo", "Bergen")', ['u1', 'u2', 'u7']],
  ['city not in ("Oslo", "Bergen")', ['u4', 'u5', 'u6']],
  ['city contains "sl"', ['u1', 'u4']],
  ['city contains "SL"', []],
  ['city starts with "O"', ['u1']],
  ['city ends with "sund"', ['u5']],
  ['city ends with "sø"', ['u6']],
  ['not (city starts with "O")', ['u2', 'u3', 'u4', 'u5', 'u6', 'u7']],
  // % and _ are plain characters, not patterns
  ['code contains "%"', ['u1', 'u6']],
  ['code contains "_"', ['u1', 'u4']],
  ['code starts with "50%"', ['u1']],
  ['code ends with "_b"', ['u4']],
  ['code ends with "%"', []],
  ['code contains "50 "', ['u2']],
  ['code contains ""', ['u1', 'u2', 'u4', 'u5', 'u6']],
  ['not (code contains "%")', ['u2', 'u3', 'u4', 'u5', 'u7']],
  ['code contains any ("%", "Z")', ['u1', 'u5', 'u6']],
  ['code contains all ("%", "_")', ['u1']],
  // booleans
  ['vip', ['u1', 'u4']],
  ['not vip', ['u2', 'u3', 'u5', 'u6', 'u7']],
  ['vip = false', ['u2', 'u5', 'u7']],
  ['vip != true', ['u2', 'u5', 'u7']],
  ['vip is missing', ['u3', 'u6']],
  // dates; a date-time counts by its UTC date
  ['signup before 2026-08-01', ['u4', 'u5', 'u6']],
  ['signup after 2026-08-01', ['u1', 'u7']],
  ['signup = 2026-08-01', ['u2']],
  ['signup = 2026-08-01T23:30:00Z', ['u2']],
  ['signup = 2026-08-02T01:30:00+02:00', ['u2']],
  ['signup after 2026-07-31T23:59:59Z', ['u1', 'u2', 'u7']],
  ['signup <= 2026-07-31', ['u4', 'u5', 'u6']],
  ['signup between 2026-07-31 and 2026-08-01', ['u2', 'u4']],
  ['not (signup before 2026-08-01)', ['u1', 'u2', 'u3', 'u7']],
  // relative windows from asOf 2026-11-01, both ends included, future dates outside
  ['signup within last 3 months', ['u1', 'u2']],
  ['signup within last 1 year', ['u1', 'u2', 'u4', 'u5']],
  ['signup within last 2 weeks', ['u1']],
  ['signup within last 2 days', ['u1']],
  ['not (signup within last 3 months)', ['u3', 'u4', 'u5', 'u6', 'u7']],
  ['signup more than 1 year ago', ['u6']],
  ['signup more than 92 days ago', ['u4', 'u5', 'u6']],
  ['signup more than 93 days ago', ['u5', 'u6']],
  ['not (signup more than 1 year ago)', ['u1', 'u2', 'u3', 'u4', 'u5', 'u7']],
  // lists: membership, an empty list counts as missing
  ['interests contains "sport"', ['u1', 'u5', 'u7']],
  ['interests contains "spo"', []],
  ['not (interests contains "sport")', ['u2', 'u3', 'u4', 'u6']],
  ['interests contains any ("outdoor", "fashion")', ['u2', 'u5']],
  ['interests contains all ("sport", "travel")', ['u1']],
  ['interests contains all ("sport", "nothing")', []],
  ['not (interests contains any ("sport", "travel"))', ['u2', 'u3', 'u4']],
  ['interests is missing', ['u3', 'u4']],
  ['interests is present', ['u1', 'u2', 'u5', 'u6', 'u7']],
  // odd names: spaces (backticks) and flattened nested fields
  ['`Preferred channel` = "email"', ['u1', 'u5']],
  ['`Preferred channel` is missing', ['u3', 'u6']],
  ['geo.city = "Oslo"', ['u1']],
  ['geo.city is missing', ['u3', 'u4', 'u7']],
  // combinators
  ['age > 30 or vip', ['u1', 'u2', 'u4', 'u6']],
  ['age > 20 and vip', ['u1', 'u4']],
  ['not (age > 30 or vip)', ['u3', 'u5', 'u7']],
  ['not (age > 30) and not (vip)', ['u3', 'u5', 'u7']],
  ['(city = "Bergen" or city = "Oslo") and not (age is present)', ['u7']],
  // segment references, with the referenced segment's own exclude
  ['segment adults', ['u2', 'u4', 'u6']],
  ['not segment adults', ['u1', 'u3', 'u5', 'u7']],
  ['segment adults_not_vip', ['u2', 'u6']],
  ['segment adults and not segment adults_not_vip', ['u4']],
  // events
  ['did purchase', ['u1', 'u2', 'u4', 'u5']],
  ['did not purchase', ['u3', 'u6', 'u7']],
  ['did purchase within last 7 days', ['u1', 'u2']],
  ['did not purchase within last 7 days', ['u3', 'u4', 'u5', 'u6', 'u7']],
  ['did purchase within last 1 month', ['u1', 'u2']],
  ['did purchase at least 2 times', ['u1']],
  ['did purchase at least 2 times within last 7 days', []],
  ['did purchase at most 1 times', ['u2', 'u3', 'u4', 'u5', 'u6', 'u7']],
  ['did purchase exactly 0 times', ['u3', 'u6', 'u7']],
  ['did purchase exactly 2 times within last 1 month', ['u1']],
  ['did purchase at most 0 times within last 7 days', ['u3', 'u4', 'u5', 'u6', 'u7']],
  ['did not purchase at most 1 times', ['u1']],
  ['did purchase where (amount > 30)', ['u1', 'u2']],
  ['did purchase where (amount is missing)', ['u4']],
  ['did purchase where (not (amount > 30))', ['u1', 'u4', 'u5']],
  ['did purchase where (category != "shoes")', ['u1']],
  ['did purchase where (amount > 30 and category = "shoes")', ['u1']],
  ['did product_view where (category = "shoes") at least 3 times within last 30 days', ['u1']],
  ['did product_view where (category = "shoes") at least 2 times within last 30 days', ['u1', 'u6']],
  ['did product_view at least 3 times within last 30 days', ['u1', 'u6']],
  ['did product_view since 2026-10-26', ['u1', 'u2']],
  ['did purchase since 2026-11-02', ['u5']],
  ['did product_view between 2026-10-01 and 2026-10-01', ['u6']],
  ['did product_view between 2026-10-25 and 2026-10-28', ['u1', 'u2']],
  ['did product_view where (timestamp after 2026-10-29)', ['u1']],
  ['did product_view where (timestamp = 2026-10-25)', ['u2']],
  ['did "Order Completed"', ['u5']],
  ['did "Order Completed" at least 1 times within last 2 weeks', []],
  ['did never_happened', []],
  ['did never_happened at most 0 times', ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']],
  ['did purchase and did product_view', ['u1', 'u2']],
  ['did purchase within last 7 days or did product_view within last 30 days', ['u1', 'u2', 'u6']],
];

describe('compiled DuckDB queries select exactly the members the rules give', () => {
  let db: DuckDbHarness;
  before(async () => {
    db = await DuckDbHarness.open();
    await db.loadProfiles({ idColumn: ID_COLUMN, attributes: PROFILE_TYPES, rows: PROFILES });
    await db.loadEvents({ idColumn: ID_COLUMN, properties: EVENT_PROPERTY_TYPES, rows: EVENTS });
  });
  after(() => db.close());

  for (const [condition, expected] of CASES) {
    test(condition, async () => {
      const segments = parseProject(`${HELPERS}\nsegment under_test { include ${condition} }`);
      const sql = compileSegment(segments.get('under_test')!, segments, {
        dialect: 'duckdb',
        idColumn: ID_COLUMN,
        asOf: AS_OF,
        catalog,
      });
      assert.deepEqual(await db.queryIds(sql), expected, sql);
    });
  }

  test('members are include minus exclude, with missing values never matching', async () => {
    const segments = parseProject(`segment s {
      include city is present
      exclude age > 30 or interests contains "sport"
    }`);
    const sql = compileSegment(segments.get('s')!, segments, { dialect: 'duckdb', idColumn: ID_COLUMN, asOf: AS_OF, catalog });
    // present city: u1 u2 u4 u5 u6 u7; excluded: u2 u6 (age) and u1 u5 u7 (sport); u4 has no sport in its empty list.
    assert.deepEqual(await db.queryIds(sql), ['u4']);
  });

  test('an exclude that is false on missing values does not remove those profiles', async () => {
    const segments = parseProject(`segment s { include age is missing or age is present exclude age > 30 }`);
    const sql = compileSegment(segments.get('s')!, segments, { dialect: 'duckdb', idColumn: ID_COLUMN, asOf: AS_OF, catalog });
    assert.deepEqual(await db.queryIds(sql), ['u1', 'u3', 'u4', 'u5', 'u7']);
  });

  test('a condition whose value does not fit the column type matches nobody, as in the evaluator', async () => {
    const segments = parseProject(`
      segment a { include age = "30" }
      segment b { include not (age = "30") }
      segment c { include interests contains 1 }
      segment d { include city in ("Oslo", 1) }
      segment e { include vip = 1 }
    `);
    const run = (id: string) =>
      db.queryIds(compileSegment(segments.get(id)!, segments, { dialect: 'duckdb', idColumn: ID_COLUMN, asOf: AS_OF, catalog }));
    assert.deepEqual(await run('a'), []);
    assert.deepEqual(await run('b'), ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
    assert.deepEqual(await run('c'), []);
    assert.deepEqual(await run('d'), []);
    assert.deepEqual(await run('e'), []);
  });

  test('table names and the id column are options', async () => {
    await db.loadProfiles({
      idColumn: 'customer id',
      attributes: { age: 'number' },
      rows: [{ 'customer id': 'c1', age: 40 }, { 'customer id': 'c2', age: 20 }, { 'customer id': 'c3' }],
      table: 'crm people',
    });
    await db.loadEvents({
      idColumn: 'customer id',
      properties: {},
      rows: [{ 'customer id': 'c2', event: 'login', timestamp: '2026-10-31T00:00:00Z' }],
      table: 'crm events',
    });
    const segments = parseProject('segment s { include not (age > 30) and did login }');
    const sql = compileSegment(segments.get('s')!, segments, {
      dialect: 'duckdb',
      idColumn: 'customer id',
      profilesTable: 'crm people',
      eventsTable: 'crm events',
      asOf: AS_OF,
    });
    assert.deepEqual(await db.queryIds(sql), ['c2']);
  });

  test('a schema-qualified table name is quoted part by part', async () => {
    await db.connection.run('CREATE SCHEMA IF NOT EXISTS "my schema"');
    await db.loadProfiles({
      idColumn: ID_COLUMN,
      attributes: { age: 'number' },
      rows: [{ user_id: 'q1', age: 40 }, { user_id: 'q2', age: 10 }],
      table: 'my schema.people',
    });
    const segments = parseProject('segment s { include age > 30 }');
    const sql = compileSegment(segments.get('s')!, segments, {
      dialect: 'duckdb',
      idColumn: ID_COLUMN,
      profilesTable: 'my schema.people',
    });
    assert.deepEqual(await db.queryIds(sql), ['q1']);
  });
});

describe('without asOf, windows count back from the current UTC date', () => {
  test('within last, more than … ago and event windows use today', async () => {
    const db = await DuckDbHarness.open();
    try {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      await db.loadProfiles({
        idColumn: ID_COLUMN,
        attributes: { seen: 'date' },
        rows: [
          { user_id: 't0', seen: day(0) },
          { user_id: 't3', seen: day(-3) },
          { user_id: 't4', seen: day(-4) },
          { user_id: 'tf', seen: day(1) },
        ],
      });
      await db.loadEvents({
        idColumn: ID_COLUMN,
        properties: {},
        rows: [
          { user_id: 't0', event: 'visit', timestamp: `${day(0)}T00:00:00Z` },
          { user_id: 't4', event: 'visit', timestamp: `${day(-4)}T12:00:00Z` },
        ],
      });
      const segments = parseProject(`
        segment recent { include seen within last 3 days }
        segment old { include seen more than 3 days ago }
        segment visited { include did visit within last 3 days }
      `);
      const run = (id: string) => db.queryIds(compileSegment(segments.get(id)!, segments, { dialect: 'duckdb', idColumn: ID_COLUMN }));
      assert.deepEqual(await run('recent'), ['t0', 't3']);
      assert.deepEqual(await run('old'), ['t4']);
      assert.deepEqual(await run('visited'), ['t0']);
    } finally {
      db.close();
    }
  });
});
