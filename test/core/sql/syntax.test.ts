// BigQuery, Snowflake and Spark cannot run here, so their queries are checked
// by an independent SQL parser (node-sql-parser; Spark through its Hive
// grammar, the nearest it has). Each golden query must parse as exactly one
// SELECT statement: hostile names and strings must not end it or add another.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sqlParser from 'node-sql-parser';
import type { Dialect } from '../../../server/src/core/sql/compile';
import { goldenQueries } from './golden-project';

const { Parser } = sqlParser;

const PARSER_DATABASE: Partial<Record<Dialect, string>> = {
  postgres: 'PostgresQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  spark: 'Hive',
};

/**
 * node-sql-parser's PostgreSQL and Snowflake grammars reject `""` inside a
 * quoted identifier (`p."we""ird"`), which standard SQL and both engines
 * accept. Only for the parser, each `""` inside a double-quoted identifier
 * becomes `_`; string literals and comments are skipped untouched.
 */
function withoutDoubledIdentifierQuotes(sql: string, allStringsEscape: boolean): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === "'") {
      // Snowflake strings, and PostgreSQL E'…' strings, take backslash escapes.
      const backslashEscapes = allStringsEscape || sql[i - 1] === 'E';
      let j = i + 1;
      while (j < sql.length) {
        if (backslashEscapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let name = '';
      while (j < sql.length) {
        if (sql[j] === '"' && sql[j + 1] === '"') {
          name += '_';
          j += 2;
        } else if (sql[j] === '"') break;
        else name += sql[j++];
      }
      out += `"${name}"`;
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function statements(sql: string, database: string): { type?: string }[] {
  const text = database === 'PostgresQL' || database === 'Snowflake'
    ? withoutDoubledIdentifierQuotes(sql, database === 'Snowflake')
    : sql;
  const ast = new Parser().astify(text, { database });
  return (Array.isArray(ast) ? ast : [ast]) as { type?: string }[];
}

for (const [dialect, database] of Object.entries(PARSER_DATABASE) as [Dialect, string][]) {
  describe(`${dialect} queries parse as one SELECT (node-sql-parser, ${database})`, () => {
    test('the parser rejects a broken query, so passing means something', () => {
      assert.throws(() => statements('SELECT p.id FROM profiles AS p WHERE (a = 1', database));
      assert.throws(() => statements("SELECT p.id FROM profiles AS p WHERE a = 'x", database));
    });

    for (const [id, sql] of goldenQueries(dialect)) {
      test(id, () => {
        const parsed = statements(sql, database);
        assert.equal(parsed.length, 1, sql);
        assert.equal(parsed[0].type, 'select', sql);
      });
    }
  });
}
