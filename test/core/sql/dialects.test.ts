// Quoting of names and strings per dialect: exact spellings, and (for DuckDB,
// which runs here) a round trip of arbitrary text through the engine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIALECT_SPECS, DIALECTS, isDialect } from '../../../server/src/core/sql/dialects';
import { DuckDbHarness } from './duckdb-harness';

describe('identifier quoting', () => {
  const cases: [string, Record<string, string>][] = [
    ['user_id', { duckdb: '"user_id"', postgres: '"user_id"', bigquery: '`user_id`', snowflake: '"user_id"', spark: '`user_id`' }],
    ['Preferred channel', { duckdb: '"Preferred channel"', bigquery: '`Preferred channel`', spark: '`Preferred channel`' }],
    ['we"ird', { duckdb: '"we""ird"', postgres: '"we""ird"', snowflake: '"we""ird"', bigquery: '`we"ird`', spark: '`we"ird`' }],
    ['a`b', { duckdb: '"a`b"', bigquery: '`a\\`b`', spark: '`a``b`' }],
    ['back\\slash', { duckdb: '"back\\slash"', snowflake: '"back\\slash"', bigquery: '`back\\\\slash`', spark: '`back\\slash`' }],
    ['geo.city', { duckdb: '"geo.city"', bigquery: '`geo.city`', spark: '`geo.city`' }],
    ['Zürich 🚀', { postgres: '"Zürich 🚀"', bigquery: '`Zürich 🚀`' }],
  ];
  for (const [name, expected] of cases) {
    for (const [dialect, quoted] of Object.entries(expected)) {
      test(`${dialect}: ${name}`, () => {
        assert.ok(isDialect(dialect));
        assert.equal(DIALECT_SPECS[dialect].quoteIdent(name), quoted);
      });
    }
  }
});

describe('string literals', () => {
  const cases: [string, Record<string, string>][] = [
    ['Oslo', { duckdb: "'Oslo'", postgres: "'Oslo'", bigquery: "'Oslo'", snowflake: "'Oslo'", spark: "'Oslo'" }],
    ["it's", { duckdb: "'it''s'", postgres: "'it''s'", bigquery: "'it\\'s'", snowflake: "'it''s'", spark: "'it\\'s'" }],
    ['a\\b', { duckdb: "'a\\b'", postgres: "E'a\\\\b'", bigquery: "'a\\\\b'", snowflake: "'a\\\\b'", spark: "'a\\\\b'" }],
    ["\\'; DROP TABLE profiles; --", {
      duckdb: "'\\''; DROP TABLE profiles; --'",
      postgres: "E'\\\\''; DROP TABLE profiles; --'",
      bigquery: "'\\\\\\'; DROP TABLE profiles; --'",
      snowflake: "'\\\\''; DROP TABLE profiles; --'",
      spark: "'\\\\\\'; DROP TABLE profiles; --'",
    }],
    ['two\nlines', { duckdb: "'two\nlines'", postgres: "'two\nlines'", bigquery: "'two\\nlines'", snowflake: "'two\\nlines'", spark: "'two\\nlines'" }],
    ['bell\u0007', { bigquery: "'bell\\u0007'", spark: "'bell\\u0007'" }],
    ['Zürich 🚀 東京', { duckdb: "'Zürich 🚀 東京'", bigquery: "'Zürich 🚀 東京'", spark: "'Zürich 🚀 東京'" }],
  ];
  for (const [value, expected] of cases) {
    for (const [dialect, literal] of Object.entries(expected)) {
      test(`${dialect}: ${JSON.stringify(value)}`, () => {
        assert.ok(isDialect(dialect));
        assert.equal(DIALECT_SPECS[dialect].stringLiteral(value), literal);
      });
    }
  }

  test('every dialect is listed once', () => {
    assert.deepEqual([...DIALECTS].sort(), ['bigquery', 'duckdb', 'postgres', 'snowflake', 'spark']);
    assert.equal(isDialect('mysql'), false);
  });
});

describe('DuckDB reads back exactly the text that was quoted', () => {
  let db: DuckDbHarness;
  before(async () => {
    db = await DuckDbHarness.open();
  });
  after(() => db.close());

  // Any Unicode text without NUL (which the compiler refuses) and without unpaired surrogates.
  const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\u0000'));
  const tricky = fc.constantFrom("'", '"', '\\', "''", '\\\'', '\n', '--', '/*', '*/', '%', '_', '`', ';', '$$');
  const hostile = fc.array(fc.oneof(text, tricky), { maxLength: 6 }).map((parts) => parts.join(''));

  test('string literals', async () => {
    const spec = DIALECT_SPECS.duckdb;
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        assert.equal(await db.queryValue(`SELECT ${spec.stringLiteral(value)}`), value);
      }),
      { numRuns: 300 },
    );
  });

  test('identifiers', async () => {
    const spec = DIALECT_SPECS.duckdb;
    await fc.assert(
      fc.asyncProperty(hostile.filter((s) => s.length > 0), async (name) => {
        const reader = await db.connection.runAndReadAll(`SELECT 1 AS ${spec.quoteIdent(name)}`);
        assert.equal(reader.columnName(0), name);
      }),
      { numRuns: 300 },
    );
  });
});
