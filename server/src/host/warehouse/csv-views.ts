// A CSV file read by DuckDB the way the sample loader reads it, as a view the
// compiled queries run on: every cell read as text, then converted by the
// column's type in the project's catalog with the loader's rules
// (docs/language.md, "Reading the sample"): an empty cell is missing; numbers
// are decimal numbers with spaces around allowed; booleans `true`/`false` in
// any case; dates and date-times are ISO, counted by their UTC day; lists are
// `;`-separated, items trimmed, empty items dropped, no items missing; a
// value that does not fit its type is missing. Profiles without an id are left
// out, as the loader skips them.
import type { ValueType } from '../../core/base/value-type';

export interface FileColumns {
  idColumn: string;
  /** Profile attributes by name, with their types. */
  profiles: ReadonlyMap<string, ValueType>;
  /** Event properties by name, with their types. */
  events: ReadonlyMap<string, ValueType>;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const BLANKS = "' \t'";
const DECIMAL = String.raw`'^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$'`;
const ISO_INSTANT = String.raw`'^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$'`;

function trimmed(cell: string): string {
  return `trim(${cell}, ${BLANKS})`;
}

/** The SQL of one cell of type `type` from the text cell `cell`. */
export function converted(cell: string, type: ValueType): string {
  const t = trimmed(cell);
  switch (type) {
    case 'string':
      return `NULLIF(${cell}, '')`;
    case 'number':
      return `CASE WHEN regexp_matches(${t}, ${DECIMAL}) THEN CAST(${t} AS DOUBLE) END`;
    case 'boolean':
      return `CASE lower(${t}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    case 'date':
      return `CASE WHEN regexp_matches(${t}, ${ISO_INSTANT}) THEN CAST(TRY_CAST(${t} AS TIMESTAMPTZ) AS DATE) END`;
    case 'list': {
      const items = `list_filter(list_transform(string_split(${cell}, ';'), item -> ${trimmed('item')}), item -> item <> '')`;
      return `CASE WHEN len(${items}) > 0 THEN ${items} END`;
    }
  }
}

function readCsv(file: string): string {
  return `read_csv(${quoteText(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', null_padding = true)`;
}

const SQL_NULL: Record<ValueType, string> = { string: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', list: 'VARCHAR[]' };

/** Columns of the catalog the file does not have, as missing values (as in the sample, where such an attribute is missing everywhere). */
function absent(types: ReadonlyMap<string, ValueType>, header: readonly string[]): string[] {
  const present = new Set(header);
  return [...types].filter(([name]) => !present.has(name)).map(([name, type]) => `CAST(NULL AS ${SQL_NULL[type]}) AS ${quoteIdent(name)}`);
}

export function profilesViewSql(view: string, file: string, header: readonly string[], columns: FileColumns): string {
  const id = quoteIdent(columns.idColumn);
  const select = header.map((name) => {
    const q = quoteIdent(name);
    if (name === columns.idColumn) return `${trimmed(q)} AS ${q}`;
    const type = columns.profiles.get(name);
    return `${type ? converted(q, type) : `NULLIF(${q}, '')`} AS ${q}`;
  });
  return `CREATE VIEW ${quoteIdent(view)} AS SELECT ${[...select, ...absent(columns.profiles, header)].join(', ')} FROM ${readCsv(file)} WHERE ${trimmed(id)} <> ''`;
}

export function eventsViewSql(view: string, file: string, header: readonly string[], columns: FileColumns): string {
  const select = header.map((name) => {
    const q = quoteIdent(name);
    if (name === columns.idColumn) return `${trimmed(q)} AS ${q}`;
    if (name === 'event') return `NULLIF(${trimmed(q)}, '') AS ${q}`;
    // The UTC wall time of the instant: the compiled queries compare event times without a time zone.
    if (name === 'timestamp') return `CAST(CASE WHEN regexp_matches(${trimmed(q)}, ${ISO_INSTANT}) THEN TRY_CAST(${trimmed(q)} AS TIMESTAMPTZ) END AS TIMESTAMP) AS ${q}`;
    const type = columns.events.get(name);
    return `${type ? converted(q, type) : `NULLIF(${q}, '')`} AS ${q}`;
  });
  return `CREATE VIEW ${quoteIdent(view)} AS SELECT ${[...select, ...absent(columns.events, header)].join(', ')} FROM ${readCsv(file)}`;
}
