// What differs between the SQL engines the compiler targets: how names and
// strings are quoted, and the spelling of the few functions the compiled
// predicates need. Everything else the compiler emits is plain standard SQL.

export const DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const;
export type Dialect = (typeof DIALECTS)[number];

export function isDialect(name: string): name is Dialect {
  return (DIALECTS as readonly string[]).includes(name);
}

export interface DialectSpec {
  name: Dialect;
  /** One identifier part, quoted so that any character in it is taken literally. */
  quoteIdent(name: string): string;
  /** A string literal holding exactly `value`. */
  stringLiteral(value: string): string;
  /** The column as used on the left of `<`, `<=`, `>`, `>=` against a string, so that order is by code point. */
  binaryOrdered(column: string): string;
  /** True when `needle` (a SQL string literal) occurs in the text `column`; NULL when the column is NULL. */
  substring(column: string, needle: string): string;
  /** `needleChars` is the needle's length in code points (for engines spelling this with left/right). */
  startsWith(column: string, needle: string, needleChars: number): string;
  endsWith(column: string, needle: string, needleChars: number): string;
  /** True when the array `column` holds the text `item`; NULL or false when the array is NULL. */
  listContains(column: string, item: string): string;
  /** Number of items in the array `column`; NULL (or -1 on old Spark) when it is NULL. */
  listLength(column: string): string;
  /** The current calendar date in UTC. */
  currentDateUtc: string;
  /** `date` minus a number of days / calendar months (end of month clamped), as a DATE. */
  minusDays(date: string, days: number): string;
  minusMonths(date: string, months: number): string;
  /** The calendar date of a timestamp column (stored in UTC, without time zone). */
  timestampDate(column: string): string;
  /** A timestamp plus a whole number of seconds. */
  addSeconds(timestamp: string, seconds: number): string;
  /** The DATE after a DATE expression. */
  nextDay(date: string): string;
  /** Midnight at the start of a DATE, as a timestamp comparable with the events' (UTC, without zone). */
  dayStart(date: string): string;
  /** A number column as an exact decimal with 6 places (rounded), for sums of money. */
  exactDecimal(column: string): string;
  /** Decimal text (`0.30`, `-1000`) as an exact decimal literal. */
  decimalLiteral(text: string): string;
}

/** DECIMAL(38, 6): 32 digits before the point, 6 after; rounds half away from zero (half up in Spark). */
const decimal38 = (c: string) => `CAST(${c} AS DECIMAL(38, 6))`;
/** A literal with a point is an exact decimal in DuckDB, PostgreSQL, Snowflake and Spark. */
const plainDecimalLiteral = (text: string) => text;

/** `"name"` with inner double quotes doubled: DuckDB, PostgreSQL, Snowflake. */
function doubleQuoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with inner single quotes doubled; backslashes are plain characters. */
function standardString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Escapes for engines where a backslash starts an escape sequence inside a
 * quoted token (BigQuery strings and identifiers, Spark strings, Snowflake
 * strings). Line breaks and other control characters become escapes too, so a
 * literal never spans lines (BigQuery rejects raw newlines in '…').
 */
function backslashEscaped(value: string, quote: string, doubleQuote: boolean): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += doubleQuote ? quote + quote : '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(ch)) out += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
    else out += ch;
  }
  return quote + out + quote;
}

/** `date` minus an interval, cast back to DATE (date − interval is a timestamp in DuckDB and PostgreSQL). */
function intervalMinus(date: string, amount: number, unit: 'days' | 'months'): string {
  return `CAST(${date} - INTERVAL '${amount} ${unit}' AS DATE)`;
}

const duckdb: DialectSpec = {
  name: 'duckdb',
  quoteIdent: doubleQuoted,
  stringLiteral: standardString,
  // DuckDB compares VARCHAR by bytes of UTF-8, which is code-point order.
  binaryOrdered: (c) => c,
  substring: (c, n) => `strpos(${c}, ${n}) > 0`,
  startsWith: (c, n) => `starts_with(${c}, ${n})`,
  endsWith: (c, n) => `ends_with(${c}, ${n})`,
  listContains: (c, item) => `list_contains(${c}, ${item})`,
  listLength: (c) => `len(${c})`,
  currentDateUtc: `CAST(timezone('UTC', current_timestamp) AS DATE)`,
  minusDays: (d, n) => intervalMinus(d, n, 'days'),
  minusMonths: (d, n) => intervalMinus(d, n, 'months'),
  timestampDate: (c) => `CAST(${c} AS DATE)`,
  exactDecimal: decimal38,
  decimalLiteral: plainDecimalLiteral,
  addSeconds: (t, n) => `${t} + INTERVAL '${n} seconds'`,
  nextDay: (d) => `CAST(${d} + INTERVAL '1 days' AS DATE)`,
  dayStart: (d) => `CAST(${d} AS TIMESTAMP)`,
};

const postgres: DialectSpec = {
  name: 'postgres',
  quoteIdent: doubleQuoted,
  // An E'' string means the same whatever standard_conforming_strings says.
  stringLiteral: (v) => (v.includes('\\') ? `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : standardString(v)),
  binaryOrdered: (c) => `${c} COLLATE "C"`,
  substring: (c, n) => `strpos(${c}, ${n}) > 0`,
  startsWith: (c, n) => `starts_with(${c}, ${n})`,
  endsWith: (c, n, chars) => `right(${c}, ${chars}) = ${n}`,
  listContains: (c, item) => `${item} = ANY(${c})`,
  listLength: (c) => `cardinality(${c})`,
  currentDateUtc: `CAST(now() AT TIME ZONE 'UTC' AS DATE)`,
  minusDays: (d, n) => intervalMinus(d, n, 'days'),
  minusMonths: (d, n) => intervalMinus(d, n, 'months'),
  timestampDate: (c) => `CAST(${c} AS DATE)`,
  exactDecimal: decimal38,
  decimalLiteral: plainDecimalLiteral,
  addSeconds: (t, n) => `${t} + INTERVAL '${n} seconds'`,
  nextDay: (d) => `CAST(${d} + INTERVAL '1 days' AS DATE)`,
  dayStart: (d) => `CAST(${d} AS TIMESTAMP)`,
};

const bigquery: DialectSpec = {
  name: 'bigquery',
  quoteIdent: (name) => backslashEscaped(name, '`', false),
  stringLiteral: (v) => backslashEscaped(v, "'", false),
  // BigQuery orders STRING by code point unless a collation is set on the column.
  binaryOrdered: (c) => c,
  substring: (c, n) => `STRPOS(${c}, ${n}) > 0`,
  startsWith: (c, n) => `STARTS_WITH(${c}, ${n})`,
  endsWith: (c, n) => `ENDS_WITH(${c}, ${n})`,
  listContains: (c, item) => `${item} IN UNNEST(${c})`,
  listLength: (c) => `ARRAY_LENGTH(${c})`,
  currentDateUtc: `CURRENT_DATE('UTC')`,
  minusDays: (d, n) => `DATE_SUB(${d}, INTERVAL ${n} DAY)`,
  minusMonths: (d, n) => `DATE_SUB(${d}, INTERVAL ${n} MONTH)`,
  // CAST of a TIMESTAMP to DATE uses UTC; a DATETIME is taken as written.
  timestampDate: (c) => `CAST(${c} AS DATE)`,
  // NUMERIC (9 places, 29 digits before the point) rounded half away from zero to 6 places.
  exactDecimal: (c) => `ROUND(CAST(${c} AS NUMERIC), 6)`,
  // A literal with a point is FLOAT64 in BigQuery: the exact value comes from its text.
  decimalLiteral: (text) => `PARSE_BIGNUMERIC('${text}')`,
  // `+ INTERVAL` works on TIMESTAMP and DATETIME alike; the end of the asOf day is a TIMESTAMP (UTC).
  addSeconds: (t, n) => `${t} + INTERVAL ${n} SECOND`,
  nextDay: (d) => `DATE_ADD(${d}, INTERVAL 1 DAY)`,
  dayStart: (d) => `CAST(${d} AS TIMESTAMP)`,
};

const snowflake: DialectSpec = {
  name: 'snowflake',
  quoteIdent: doubleQuoted,
  // Snowflake treats a backslash in '…' as an escape, so it is doubled.
  stringLiteral: (v) => backslashEscaped(v, "'", true),
  // Code-point order unless the column was created with a COLLATE specification.
  binaryOrdered: (c) => c,
  substring: (c, n) => `CONTAINS(${c}, ${n})`,
  startsWith: (c, n) => `STARTSWITH(${c}, ${n})`,
  endsWith: (c, n) => `ENDSWITH(${c}, ${n})`,
  listContains: (c, item) => `ARRAY_CONTAINS(TO_VARIANT(${item}), ${c})`,
  listLength: (c) => `ARRAY_SIZE(${c})`,
  // SYSDATE() is the current time in UTC whatever the session time zone.
  currentDateUtc: `CAST(SYSDATE() AS DATE)`,
  minusDays: (d, n) => `DATEADD(day, -${n}, ${d})`,
  minusMonths: (d, n) => `DATEADD(month, -${n}, ${d})`,
  timestampDate: (c) => `CAST(${c} AS DATE)`,
  exactDecimal: decimal38,
  decimalLiteral: plainDecimalLiteral,
  addSeconds: (t, n) => `DATEADD(second, ${n}, ${t})`,
  nextDay: (d) => `DATEADD(day, 1, ${d})`,
  dayStart: (d) => `CAST(${d} AS TIMESTAMP_NTZ)`,
};

const spark: DialectSpec = {
  name: 'spark',
  // Backslash is not an escape inside Spark identifiers; a backtick is doubled.
  quoteIdent: (name) => `\`${name.replace(/`/g, '``')}\``,
  stringLiteral: (v) => backslashEscaped(v, "'", false),
  // Spark's default collation (UTF8_BINARY) orders by bytes, i.e. by code point.
  binaryOrdered: (c) => c,
  substring: (c, n) => `instr(${c}, ${n}) > 0`,
  startsWith: (c, n) => `startswith(${c}, ${n})`,
  endsWith: (c, n) => `endswith(${c}, ${n})`,
  listContains: (c, item) => `array_contains(${c}, ${item})`,
  listLength: (c) => `size(${c})`,
  currentDateUtc: `to_date(to_utc_timestamp(current_timestamp(), current_timezone()))`,
  minusDays: (d, n) => `date_sub(${d}, ${n})`,
  minusMonths: (d, n) => `add_months(${d}, -${n})`,
  // Exact for TIMESTAMP_NTZ columns, and for TIMESTAMP when the session time zone is UTC.
  timestampDate: (c) => `CAST(${c} AS DATE)`,
  exactDecimal: decimal38,
  decimalLiteral: plainDecimalLiteral,
  addSeconds: (t, n) => `timestampadd(SECOND, ${n}, ${t})`,
  nextDay: (d) => `date_add(${d}, 1)`,
  dayStart: (d) => `CAST(${d} AS TIMESTAMP)`,
};

export const DIALECT_SPECS: Record<Dialect, DialectSpec> = { duckdb, postgres, bigquery, snowflake, spark };
