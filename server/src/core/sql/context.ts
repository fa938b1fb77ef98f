// What every part of the SQL compiler shares: the options, the context of one
// query being built (dialect, CTEs, asOf), and the pieces every condition
// needs (quoted names, literals, columns, window boundaries, failing with a
// stable code).
import type { Duration, Expr, Literal, Path, SegmentDecl } from '../syntax/ast';
import type { Span } from '../base/span';
import type { Catalog } from '../sample/catalog-types';
import type { ValueType } from '../base/value-type';
import { parseIsoDay } from '../base/days';
import type { Dialect, DialectSpec } from './dialects';
import { durationParts, subtractDuration } from './dates';
import { atom, type Fragment } from './fragment';

export const DEFAULT_PROFILES_TABLE = 'profiles';
export const DEFAULT_EVENTS_TABLE = 'events';

export interface SqlCompileOptions {
  dialect: Dialect;
  /** Table of profiles; a dotted name (`analytics.profiles`) is a qualified name, each part quoted. */
  profilesTable?: string;
  eventsTable?: string;
  idColumn: string;
  /** `YYYY-MM-DD`; without it relative windows count back from the engine's current UTC date. */
  asOf?: string;
  /** Attribute and event property types: needed to tell list membership from substring tests. */
  catalog?: Catalog;
}

/** Why a segment could not be compiled; `span` points into the file the failing node came from. */
export class SqlCompileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly span?: Span,
    /** The segment whose definition holds the failing node. */
    readonly segmentId?: string,
  ) {
    super(message);
    this.name = 'SqlCompileError';
  }
}

export const PROFILE_ALIAS = 'p';
export const EVENT_ALIAS = 'e';

/**
 * Which table a name in a condition refers to: the profile row, or (inside a
 * behaviour condition's `where`) the event row under the alias given.
 */
export type Scope = { kind: 'profile' } | { kind: 'event'; eventName: string; alias: string };

export interface Cte {
  name: string;
  lines: string[];
}

export interface Context {
  spec: DialectSpec;
  options: SqlCompileOptions;
  segments: ReadonlyMap<string, SegmentDecl>;
  ctes: Cte[];
  /** Membership predicates of referenced segments, compiled once per query. */
  memberships: Map<string, Fragment>;
  /** Segments being compiled, outermost first, to report reference cycles. */
  stack: string[];
  /** SQL for "today": a DATE literal of asOf, or the engine's current UTC date. */
  today: string;
  asOf?: string;
  /** Compiles a condition (a behaviour condition's filter, in the event scope). */
  compile(expr: Expr, scope: Scope): Fragment;
}

export function fail(ctx: Context, code: string, message: string, span?: Span): never {
  throw new SqlCompileError(code, message, span, ctx.stack[ctx.stack.length - 1]);
}

/** A test that is NULL on missing values, made false instead. */
export function nonNull(test: string): Fragment {
  return atom(`COALESCE(${test}, FALSE)`);
}

/** The first day of a `within last` window, or the day before which `more than … ago` holds. */
export function daysBack(ctx: Context, duration: Duration): string {
  if (ctx.asOf !== undefined) {
    const day = subtractDuration(ctx.asOf, duration);
    if (day === undefined) fail(ctx, 'sql-bad-as-of', `asOf "${ctx.asOf}" is not a date.`, duration.span);
    return dateLiteral(day);
  }
  const parts = durationParts(duration);
  return 'days' in parts ? ctx.spec.minusDays(ctx.today, parts.days) : ctx.spec.minusMonths(ctx.today, parts.months);
}

/** Inside `did … where`, `timestamp` is the event's own time, compared by its UTC date as the evaluator does. */
export function isEventTimestamp(scope: Scope, path: Path): boolean {
  return scope.kind === 'event' && path.text === 'timestamp';
}

export function column(ctx: Context, scope: Scope, path: Path): string {
  if (scope.kind === 'profile') return `${PROFILE_ALIAS}.${quoteName(ctx, path.text, path.span)}`;
  const col = `${scope.alias}.${quoteName(ctx, path.text, path.span)}`;
  return isEventTimestamp(scope, path) ? ctx.spec.timestampDate(col) : col;
}

export function fieldType(ctx: Context, scope: Scope, path: Path): ValueType | undefined {
  if (isEventTimestamp(scope, path)) return 'date';
  const catalog = ctx.options.catalog;
  if (!catalog) return undefined;
  if (scope.kind === 'profile') return catalog.attributes.get(path.text)?.type;
  return catalog.events.get(scope.eventName)?.properties.get(path.text)?.type;
}

export function hasTypeOrUnknown(ctx: Context, scope: Scope, path: Path, type: ValueType): boolean {
  const known = fieldType(ctx, scope, path);
  return known === undefined || known === type;
}

/**
 * Whether the literals can be compared with the column. The evaluator makes a
 * condition whose literal does not fit the column's type (the checker's
 * type-mismatch error) false for every row; the SQL says FALSE to agree,
 * instead of letting the engine coerce ('30' = 30 in DuckDB) or fail.
 */
export function fitsColumn(ctx: Context, scope: Scope, path: Path, literals: Literal[]): boolean {
  const type = fieldType(ctx, scope, path);
  if (type === undefined) return true;
  return literals.every((lit) => {
    switch (type) {
      case 'number':
        return lit.kind === 'number';
      case 'string':
        return lit.kind === 'string';
      case 'boolean':
        return lit.kind === 'boolean';
      case 'date':
        return lit.kind === 'date' || lit.kind === 'datetime';
      case 'list':
        return false;
    }
  });
}

export function quoteName(ctx: Context, name: string, span?: Span): string {
  if (name === '') fail(ctx, 'sql-empty-name', 'An empty name cannot be used as a SQL column.', span);
  checkText(ctx, name, 'name', span);
  return ctx.spec.quoteIdent(name);
}

/** A table option: dotted parts are schema / dataset qualifiers, each quoted on its own. */
export function tableName(ctx: Context, name: string): string {
  const parts = name.split('.');
  if (parts.some((part) => part === '')) {
    fail(ctx, 'sql-bad-table-name', `The table name "${name}" has an empty part.`);
  }
  return parts.map((part) => quoteName(ctx, part)).join('.');
}

export function literal(ctx: Context, lit: Literal): string {
  switch (lit.kind) {
    case 'number':
      if (!Number.isFinite(lit.value)) fail(ctx, 'sql-bad-number', `${lit.raw} is not a finite number.`, lit.span);
      return numberLiteral(lit.value);
    case 'string':
      return stringLiteral(ctx, lit.value, lit.span);
    case 'boolean':
      return lit.value ? 'TRUE' : 'FALSE';
    case 'date':
    case 'datetime':
      // A date-time counts by the UTC date it falls on, which the parser stores in `value`.
      if (parseIsoDay(lit.value) === undefined) fail(ctx, 'sql-bad-date', `${lit.raw} is not a valid date.`, lit.span);
      return dateLiteral(lit.value);
  }
}

/**
 * The number as SQL text every engine reads as exactly this double. DuckDB reads
 * a literal without an exponent as a DECIMAL, and converts it to DOUBLE exactly
 * only while its digits fit in 2^53: `-0.11747057893185531` becomes the
 * neighbouring double, so `score = -0.11747057893185531` missed the profile the
 * evaluator counts. With more than 15 significant digits the literal is written
 * with an exponent, which DuckDB, BigQuery, Snowflake and Spark read as a
 * double and PostgreSQL as an exact numeric.
 */
export function numberLiteral(value: number): string {
  const text = String(value);
  const exponent = text.indexOf('e');
  const digits = (exponent < 0 ? text : text.slice(0, exponent)).replace(/[-.]/g, '').replace(/^0+/, '');
  return digits.length > 15 ? value.toExponential() : text;
}

export function stringLiteral(ctx: Context, text: string, span?: Span): string {
  checkText(ctx, text, 'text', span);
  return ctx.spec.stringLiteral(text);
}

export function dateLiteral(isoDay: string): string {
  return `DATE '${isoDay}'`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text no SQL engine can hold exactly is refused rather than silently changed. */
export function checkText(ctx: Context, text: string, what: 'name' | 'text', span?: Span): void {
  if (text.includes('\u0000')) {
    fail(ctx, 'sql-nul-character', `This ${what} contains a NUL character (\\u0000), which SQL text cannot hold.`, span);
  }
  if (LONE_SURROGATE.test(text)) {
    fail(ctx, 'sql-invalid-unicode', `This ${what} contains an unpaired surrogate (invalid Unicode).`, span);
  }
}
