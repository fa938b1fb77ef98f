// What the benchmarks that compare with DuckDB share: the generated sample's
// column types, as the loader infers them and DuckDB is told to read them, the
// SQL that loads the CSV files into DuckDB with those types, and small helpers.
import type { ValueType } from '../server/src/core/base/value-type';
import type { Catalog, EventInfo, FieldInfo } from '../server/src/core/sample/catalog-types';
import type { SegmentDecl } from '../server/src/core/syntax/ast';
import { SAMPLE_ID_COLUMN } from './sample-files';

const ID = SAMPLE_ID_COLUMN;
const MB = 1024 * 1024;

/**
 * The types of the generated columns, as the sample loader infers them (the
 * loader child checks that it does) and as DuckDB is told to read them: DuckDB
 * gets explicit types, not auto-detection, so both engines hold the same table.
 */
export const PROFILE_TYPES: Record<string, ValueType> = {
  age: 'number',
  gender: 'string',
  city: 'string',
  country: 'string',
  device: 'string',
  interests: 'list',
  email_opt_in: 'boolean',
  sms_opt_in: 'boolean',
  signup_date: 'date',
  last_seen_at: 'date',
  purchase_count: 'number',
  total_spent: 'number',
  avg_order_value: 'number',
  first_purchase_at: 'date',
  last_purchase_at: 'date',
  cart_items: 'number',
  last_cart_at: 'date',
  loyalty_tier: 'string',
  'Preferred channel': 'string',
  language: 'string',
  newsletter_topics: 'list',
  engagement_score: 'number',
  old_score: 'number',
  referral_source: 'string',
  app_installed: 'boolean',
};
/** Date columns whose cells are date-times (`2026-10-30T14:03:11Z`): DuckDB reads a TIMESTAMP and keeps its UTC date, as the loader does. */
export const DATE_TIME_COLUMNS = new Set(['last_seen_at', 'last_cart_at']);
export const EVENT_PROPERTY_TYPES: Record<string, ValueType> = {
  category: 'string',
  product_id: 'string',
  price: 'number',
  amount: 'number',
  items: 'number',
  page: 'string',
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function parseOne(text: string, parseSegments: typeof import('../server/src/core/syntax/parser').parseSegments): SegmentDecl {
  const { ast, diagnostics } = parseSegments(text, 'bench.segment');
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return ast.segments[0];
}

export function catalogFromTypes(): Catalog {
  const field = (name: string, type: ValueType): FieldInfo => ({ name, type, source: 'schema' });
  const properties = new Map(Object.entries(EVENT_PROPERTY_TYPES).map(([n, t]) => [n, field(n, t)]));
  const events = new Map<string, EventInfo>(
    ['page_view', 'product_view', 'add_to_cart', 'purchase', 'email_open'].map((name) => [name, { name, source: 'schema', properties }]),
  );
  return { attributes: new Map(Object.entries(PROFILE_TYPES).map(([n, t]) => [n, field(n, t)])), events };
}

export type DuckConnection = Awaited<ReturnType<Awaited<ReturnType<typeof import('@duckdb/node-api').DuckDBInstance.create>>['connect']>>;

export async function openDuck(): Promise<DuckConnection> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('SET threads = 2');
  openInstances.push(instance);
  return connection;
}

/** Instances opened here stay referenced for the life of the process, so their data is not collected while it is measured. */
const openInstances: unknown[] = [];

const DUCK_TYPES: Record<ValueType, string> = { number: 'DOUBLE', string: 'VARCHAR', boolean: 'BOOLEAN', date: 'DATE', list: 'VARCHAR' };
const quoteName = (n: string) => `"${n.replace(/"/g, '""')}"`;
const quoteText = (t: string) => `'${t.replace(/'/g, "''")}'`;

/**
 * CREATE TABLE … AS SELECT from read_csv with explicit column types; lists are
 * split on `;` and date-times cut to their UTC date in the same statement, so
 * DuckDB ends with the column types the SQL compiler expects (docs/language.md, the CLI's `sql`).
 */
export function duckProfilesSql(file: string): string {
  const columns = [`${quoteText(ID)}: 'VARCHAR'`];
  const replace: string[] = [];
  for (const [name, type] of Object.entries(PROFILE_TYPES)) {
    const read = DATE_TIME_COLUMNS.has(name) ? 'TIMESTAMP' : DUCK_TYPES[type];
    columns.push(`${quoteText(name)}: '${read}'`);
    if (type === 'list') replace.push(`string_split(${quoteName(name)}, ';') AS ${quoteName(name)}`);
    if (DATE_TIME_COLUMNS.has(name)) replace.push(`CAST(${quoteName(name)} AS DATE) AS ${quoteName(name)}`);
  }
  return (
    `CREATE TABLE profiles AS SELECT * REPLACE (${replace.join(', ')}) ` +
    `FROM read_csv(${quoteText(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns.join(', ')}})`
  );
}

export function duckEventsSql(file: string): string {
  const columns = [`${quoteText(ID)}: 'VARCHAR'`, `'event': 'VARCHAR'`, `'timestamp': 'TIMESTAMP'`];
  for (const [name, type] of Object.entries(EVENT_PROPERTY_TYPES)) columns.push(`${quoteText(name)}: '${DUCK_TYPES[type]}'`);
  return `CREATE TABLE events AS SELECT * FROM read_csv(${quoteText(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns.join(', ')}})`;
}

export async function duckValue(connection: DuckConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRows()[0][0]);
}

export async function duckMemoryMb(connection: DuckConnection): Promise<number> {
  return (await duckValue(connection, 'SELECT sum(memory_usage_bytes) FROM duckdb_memory()')) / MB;
}

