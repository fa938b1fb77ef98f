// Loads SqlTables into DuckDB (through its appender) and PostgreSQL (through
// server-side COPY of a text-format file), typed as docs/language.md says: number →
// DOUBLE / double precision, string → VARCHAR / text, boolean → BOOLEAN,
// date → DATE, list → VARCHAR[] / text[], the event time → TIMESTAMP without
// time zone holding UTC. Values never pass through SQL text, so loading does
// not depend on the compiler's quoting of literals.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateValue, listValue, timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import { formatDay } from '../../server/src/core/base/days';
import type { Cell, SqlColumnType, SqlTable } from './sample-tables';

/** The loaders' own identifier quoting, independent of the code under test. */
function ident(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

function createTableSql(table: SqlTable, types: Record<SqlColumnType, string>): string {
  const defs = table.columns.map((c) => `${ident(c.name)} ${types[c.type]}`).join(', ');
  return `CREATE TABLE ${ident(table.name)} (${defs})`;
}

// ---- DuckDB -------------------------------------------------------------------

const DUCKDB_TYPES: Record<SqlColumnType, string> = {
  number: 'DOUBLE',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  list: 'VARCHAR[]',
  timestamp: 'TIMESTAMP',
};

export async function loadIntoDuckDb(connection: DuckDBConnection, table: SqlTable): Promise<void> {
  await connection.run(createTableSql(table, DUCKDB_TYPES));
  const appender = await connection.createAppender(table.name);
  try {
    for (let row = 0; row < table.rowCount; row++) {
      for (const column of table.columns) appendCell(appender, column.type, column.cell(row));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendCell(appender: DuckDBAppender, type: SqlColumnType, value: Cell): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'number':
      return appender.appendDouble(value as number);
    case 'string':
      return appender.appendVarchar(value as string);
    case 'boolean':
      return appender.appendBoolean(value as boolean);
    case 'date':
      return appender.appendDate(dateValue(value as number));
    case 'list':
      return appender.appendList(listValue(value as string[]));
    case 'timestamp':
      return appender.appendTimestamp(timestampValue(BigInt(Math.round(value as number)) * 1000n));
  }
}

// ---- PostgreSQL -----------------------------------------------------------------

const POSTGRES_TYPES: Record<SqlColumnType, string> = {
  number: 'double precision',
  string: 'text',
  boolean: 'boolean',
  date: 'date',
  list: 'text[]',
  timestamp: 'timestamp without time zone',
};

/**
 * Creates the table and fills it with `COPY … FROM 'file'` (text format): the
 * file is written into `stagingDir`, a folder the server process can read.
 */
export async function loadIntoPostgres(client: pg.Client, stagingDir: string, table: SqlTable): Promise<void> {
  await client.query(createTableSql(table, POSTGRES_TYPES));
  const lines: string[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    lines.push(table.columns.map((c) => copyField(c.type, c.cell(row), c.name)).join('\t'));
  }
  const file = join(stagingDir, `${table.name}.copy`);
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '', { mode: 0o644 });
  await client.query(`COPY ${ident(table.name)} FROM '${file.replace(/'/g, "''")}' WITH (FORMAT text)`);
  await client.query(`ANALYZE ${ident(table.name)}`);
}

/** One field of COPY's text format: `\N` for NULL, backslash escapes for `\`, tab, line breaks. */
export function copyField(type: SqlColumnType, value: Cell, column = ''): string {
  if (value === null) return '\\N';
  switch (type) {
    case 'number': {
      const n = value as number;
      return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n);
    }
    case 'boolean':
      return value ? 't' : 'f';
    case 'date':
      return formatDay(value as number);
    case 'timestamp':
      return new Date(value as number).toISOString().replace('T', ' ').replace('Z', '');
    case 'string':
      return copyText(value as string, column);
    case 'list':
      return copyText(arrayLiteral(value as string[]), column);
  }
}

/** A text[] input literal: every item double-quoted, so commas, braces, spaces and `NULL` stay text. */
function arrayLiteral(items: string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function copyText(text: string, column: string): string {
  if (text.includes('\u0000')) throw new Error(`column "${column}" holds a NUL character, which PostgreSQL text cannot store`);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
