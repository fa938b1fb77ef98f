// Runs compiled segment queries against a real, in-memory DuckDB: loads rows of
// plain JS objects into `profiles` / `events` tables typed as docs/language.md says
// (number → DOUBLE, string → VARCHAR, boolean → BOOLEAN, date → DATE,
// list → VARCHAR[], the event time → TIMESTAMP without time zone, in UTC), then
// runs a query and returns the ids it selects. Reusable by any test that needs
// to compare SQL results with the evaluator.
//
// Values are bound as parameters, never spliced into SQL text, so this harness
// does not depend on the compiler's own quoting of literals.
import { BOOLEAN, DOUBLE, DuckDBInstance, LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Catalog, EventInfo, FieldInfo } from '../../../server/src/core/sample/catalog-types';
import { parseIsoInstant } from '../../../server/src/core/base/days';
import { type ValueType } from '../../../server/src/core/base/value-type';

/** A column's type: an attribute type, or `timestamp` for the event time. */
export type HarnessColumnType = ValueType | 'timestamp';

/** A cell value: null / undefined is NULL; dates are `YYYY-MM-DD`; timestamps ISO text (UTC when no zone); lists string arrays. */
export type HarnessValue = string | number | boolean | string[] | null | undefined;
export type HarnessRow = Record<string, HarnessValue>;

export interface ProfilesSpec {
  idColumn: string;
  /** Attribute name → type; every row key other than the id must be listed. */
  attributes: Record<string, ValueType>;
  rows: HarnessRow[];
  table?: string;
}

export interface EventsSpec {
  idColumn: string;
  /** Property name → type, for the columns other than the id, `event` and `timestamp`. */
  properties: Record<string, ValueType>;
  /** Each row holds the id, `event` (the name) and `timestamp`. */
  rows: HarnessRow[];
  table?: string;
}

const SQL_TYPES: Record<HarnessColumnType, string> = {
  number: 'DOUBLE',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'DATE',
  list: 'VARCHAR[]',
  timestamp: 'TIMESTAMP',
};

/** The harness's own identifier quoting: independent of the code under test. */
function ident(name: string): string {
  return `"${name.split('"').join('""')}"`;
}

function qualified(name: string): string {
  return name.split('.').map(ident).join('.');
}

export class DuckDbHarness {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(): Promise<DuckDbHarness> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    return new DuckDbHarness(instance, connection);
  }

  /** Creates (or replaces) a table with typed columns and inserts the rows. */
  async createTable(table: string, columns: [string, HarnessColumnType][], rows: HarnessRow[]): Promise<void> {
    const known = new Set(columns.map(([name]) => name));
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!known.has(key)) throw new Error(`row key "${key}" is not a declared column of ${table}`);
      }
    }
    const defs = columns.map(([name, type]) => `${ident(name)} ${SQL_TYPES[type]}`).join(', ');
    await this.connection.run(`CREATE OR REPLACE TABLE ${qualified(table)} (${defs})`);
    if (rows.length === 0) return;
    // Dates and timestamps are bound as text and cast by DuckDB; the rest bind as their own type.
    const placeholders = columns
      .map(([, type], i) => (type === 'date' || type === 'timestamp' ? `CAST($${i + 1} AS ${SQL_TYPES[type]})` : `$${i + 1}`))
      .join(', ');
    const insert = `INSERT INTO ${qualified(table)} VALUES (${placeholders})`;
    const types = columns.map(([, type]) => bindType(type));
    for (const row of rows) {
      const values = columns.map(([name, type]) => bindValue(row[name], type, name));
      await this.connection.run(insert, values, types);
    }
  }

  async loadProfiles(spec: ProfilesSpec): Promise<void> {
    const columns: [string, HarnessColumnType][] = [
      [spec.idColumn, 'string'],
      ...Object.entries(spec.attributes),
    ];
    await this.createTable(spec.table ?? 'profiles', columns, spec.rows);
  }

  async loadEvents(spec: EventsSpec): Promise<void> {
    const columns: [string, HarnessColumnType][] = [
      [spec.idColumn, 'string'],
      ['event', 'string'],
      ['timestamp', 'timestamp'],
      ...Object.entries(spec.properties),
    ];
    await this.createTable(spec.table ?? 'events', columns, spec.rows);
  }

  /** Runs the query and returns the first column of every row as text, sorted. */
  async queryIds(sql: string): Promise<string[]> {
    const reader = await this.connection.runAndReadAll(sql);
    const ids = reader.getRows().map((row) => String(row[0]));
    return ids.sort();
  }

  /** Runs a query returning one value, as DuckDB's JSON-friendly form. */
  async queryValue(sql: string): Promise<unknown> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowsJson()[0]?.[0];
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function bindType(type: HarnessColumnType): DuckDBType {
  switch (type) {
    case 'number':
      return DOUBLE;
    case 'boolean':
      return BOOLEAN;
    case 'list':
      return LIST(VARCHAR);
    default:
      return VARCHAR;
  }
}

function bindValue(value: HarnessValue, type: HarnessColumnType, column: string): DuckDBValue {
  if (value === null || value === undefined) return null;
  const wrong = () => new Error(`column "${column}" (${type}) cannot hold ${JSON.stringify(value)}`);
  switch (type) {
    case 'number':
      if (typeof value !== 'number') throw wrong();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong();
      return value;
    case 'string':
      if (typeof value !== 'string') throw wrong();
      return value;
    case 'list':
      if (!Array.isArray(value)) throw wrong();
      return listValue(value);
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw wrong();
      return value;
    case 'timestamp': {
      // Stored as the UTC wall-clock time, without a zone.
      const ms = typeof value === 'string' ? parseIsoInstant(value) : undefined;
      if (ms === undefined) throw wrong();
      return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    }
  }
}

/** A catalog holding just the types, as compileSegment needs them. */
export function catalogFromTypes(
  attributes: Record<string, ValueType>,
  events: Record<string, Record<string, ValueType>> = {},
): Catalog {
  const field = (name: string, type: ValueType): FieldInfo => ({ name, type, source: 'schema' });
  const eventInfos = new Map<string, EventInfo>();
  for (const [name, properties] of Object.entries(events)) {
    eventInfos.set(name, {
      name,
      source: 'schema',
      properties: new Map(Object.entries(properties).map(([p, t]) => [p, field(p, t)])),
    });
  }
  return {
    attributes: new Map(Object.entries(attributes).map(([name, type]) => [name, field(name, type)])),
    events: eventInfos,
  };
}
