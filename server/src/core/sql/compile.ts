// Compiles one segment to one SQL query returning the ids of its members.
//
// The query must select exactly the profiles the sample evaluator counts, so
// the language's two-valued logic is made explicit: every condition compiles to
// a predicate that is never NULL (`COALESCE(test, FALSE)` or an IS [NOT] NULL
// test), which lets `not` and `exclude` be plain SQL NOT. The full list of
// decisions per condition is in ./README.md.
import type {
  AgoRange,
  ContainsExpr,
  DidExpr,
  Duration,
  EventWindow,
  Expr,
  Literal,
  Path,
  SegmentDecl,
} from '../syntax/ast';
import type { Span } from '../base/span';
import type { Catalog } from '../sample/catalog-types';
import type { ValueType } from '../base/value-type';
import { parseIsoDay } from '../base/days';
import { DIALECT_SPECS, type Dialect, type DialectSpec } from './dialects';
import { durationParts, subtractDuration } from './dates';
import { describeWindow } from '../check/describe';
import {
  atom,
  commentLine,
  INDENT,
  indentLines,
  joinFragments,
  negate,
  parenthesize,
  type Fragment,
} from './fragment';

export { DIALECTS, isDialect, type Dialect } from './dialects';

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

const PROFILE_ALIAS = 'p';
const EVENT_ALIAS = 'e';
const COUNT_COLUMN = 'event_count';

/** Which table a name in a condition refers to: the profile row, or (inside `did … where`) the event row. */
type Scope = { kind: 'profile' } | { kind: 'event'; eventName: string };

interface Cte {
  name: string;
  lines: string[];
}

interface Context {
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
}

export function compileSegment(
  decl: SegmentDecl,
  segmentsById: ReadonlyMap<string, SegmentDecl>,
  options: SqlCompileOptions,
): string {
  const spec = DIALECT_SPECS[options.dialect];
  if (!spec) throw new SqlCompileError('sql-unknown-dialect', `Unknown SQL dialect "${String(options.dialect)}".`);
  const segmentId = decl.id?.text ?? '';
  if (options.asOf !== undefined && parseIsoDay(options.asOf) === undefined) {
    throw new SqlCompileError('sql-bad-as-of', `asOf "${options.asOf}" is not a date written as YYYY-MM-DD.`);
  }
  const ctx: Context = {
    spec,
    options,
    segments: segmentsById,
    ctes: [],
    memberships: new Map(),
    stack: [segmentId],
    today: options.asOf !== undefined ? dateLiteral(options.asOf) : spec.currentDateUtc,
    asOf: options.asOf,
  };
  const members = membership(ctx, decl, segmentId);

  const p = PROFILE_ALIAS;
  const id = quoteName(ctx, options.idColumn);
  const lines: string[] = [...header(decl, segmentId, options)];
  if (ctx.ctes.length > 0) {
    lines.push('WITH');
    ctx.ctes.forEach((cte, i) => {
      lines.push(`${INDENT}${cte.name} AS (`, ...indentLines(cte.lines, 2), `${INDENT})${i < ctx.ctes.length - 1 ? ',' : ''}`);
    });
  }
  lines.push(`SELECT ${p}.${id}`, `FROM ${tableName(ctx, options.profilesTable ?? DEFAULT_PROFILES_TABLE)} AS ${p}`);
  for (const cte of ctx.ctes) lines.push(`${INDENT}LEFT JOIN ${cte.name} ON ${cte.name}.${id} = ${p}.${id}`);
  lines.push('WHERE', ...indentLines(members.lines));
  return lines.join('\n');
}

function header(decl: SegmentDecl, segmentId: string, options: SqlCompileOptions): string[] {
  const title = decl.properties.find((prop) => prop.kind === 'title');
  const titleText = title && 'value' in title && title.value?.kind === 'string' ? title.value.value : undefined;
  const asOf = options.asOf ? `as of ${options.asOf}` : 'as of the current date (UTC)';
  return [
    commentLine(`Segment ${segmentId}${titleText ? `: ${titleText}` : ''}`),
    commentLine(`Members of the segment, ${options.dialect}, ${asOf}.`),
  ];
}

/** include AND NOT exclude, never NULL. */
function membership(ctx: Context, decl: SegmentDecl, segmentId: string): Fragment {
  // The parser fills gaps with placeholders; SQL from them would look right and mean something else.
  if (decl.hasSyntaxError) {
    throw new SqlCompileError(
      'sql-syntax-error',
      `Segment "${segmentId}" has a syntax error; fix it before generating SQL.`,
      decl.span,
      segmentId,
    );
  }
  const include = decl.properties.find((prop) => prop.kind === 'include');
  const exclude = decl.properties.find((prop) => prop.kind === 'exclude');
  if (!include || !('expr' in include)) {
    throw new SqlCompileError('sql-missing-include', `Segment "${segmentId}" has no include condition.`, decl.span, segmentId);
  }
  const included = compileExpr(ctx, include.expr, { kind: 'profile' });
  if (!exclude || !('expr' in exclude)) return included;
  return joinFragments('AND', [included, negate(compileExpr(ctx, exclude.expr, { kind: 'profile' }))]);
}

function fail(ctx: Context, code: string, message: string, span?: Span): never {
  throw new SqlCompileError(code, message, span, ctx.stack[ctx.stack.length - 1]);
}

function compileExpr(ctx: Context, expr: Expr, scope: Scope): Fragment {
  switch (expr.kind) {
    case 'or':
      return joinFragments('OR', expr.operands.map((e) => compileExpr(ctx, e, scope)));
    case 'and':
      return joinFragments('AND', expr.operands.map((e) => compileExpr(ctx, e, scope)));
    case 'not':
      return negate(compileExpr(ctx, expr.operand, scope));
    case 'group':
      return parenthesize(compileExpr(ctx, expr.inner, scope));
    case 'compare': {
      if (!fitsColumn(ctx, scope, expr.attribute, [expr.value])) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      const ordering = expr.op !== '=' && expr.op !== '!=';
      const lhs = ordering && expr.value.kind === 'string' ? ctx.spec.binaryOrdered(col) : col;
      const op = expr.op === '!=' ? '<>' : expr.op;
      return nonNull(`${lhs} ${op} ${literal(ctx, expr.value)}`);
    }
    case 'in': {
      if (!fitsColumn(ctx, scope, expr.attribute, expr.values)) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      // `a in ()` holds for nobody; `a not in ()` for everyone with a value.
      if (expr.values.length === 0) return atom(expr.negated ? `${col} IS NOT NULL` : 'FALSE');
      const values = expr.values.map((v) => literal(ctx, v)).join(', ');
      return nonNull(`${col} ${expr.negated ? 'NOT IN' : 'IN'} (${values})`);
    }
    case 'between': {
      if (!fitsColumn(ctx, scope, expr.attribute, [expr.low, expr.high])) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      const text = expr.low.kind === 'string' || expr.high.kind === 'string';
      const lhs = text ? ctx.spec.binaryOrdered(col) : col;
      return nonNull(`${lhs} BETWEEN ${literal(ctx, expr.low)} AND ${literal(ctx, expr.high)}`);
    }
    case 'presence': {
      const col = column(ctx, scope, expr.attribute);
      if (fieldType(ctx, scope, expr.attribute) === 'list') {
        // An empty list counts as missing, as an empty CSV cell does in the sample.
        const len = ctx.spec.listLength(col);
        return expr.missing
          ? { lines: [`${col} IS NULL OR ${len} = 0`], kind: 'or' }
          : { lines: [`${col} IS NOT NULL AND ${len} > 0`], kind: 'and' };
      }
      return atom(`${col} IS ${expr.missing ? '' : 'NOT '}NULL`);
    }
    case 'contains':
      return contains(ctx, scope, expr);
    case 'textMatch': {
      const type = fieldType(ctx, scope, expr.attribute);
      if (expr.value.kind !== 'string' || (type !== undefined && type !== 'string')) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      const text = expr.value.value;
      if (text === '') return atom(`${col} IS NOT NULL`);
      const needle = stringLiteral(ctx, text, expr.value.span);
      const chars = [...text].length;
      return nonNull(
        expr.op === 'startsWith' ? ctx.spec.startsWith(col, needle, chars) : ctx.spec.endsWith(col, needle, chars),
      );
    }
    case 'dateCompare': {
      const isDate = expr.value.kind === 'date' || expr.value.kind === 'datetime';
      if (!isDate || !hasTypeOrUnknown(ctx, scope, expr.attribute, 'date')) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      return nonNull(`${col} ${expr.op === 'before' ? '<' : '>'} ${literal(ctx, expr.value)}`);
    }
    case 'withinLast': {
      if (!hasTypeOrUnknown(ctx, scope, expr.attribute, 'date')) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      return nonNull(`${col} BETWEEN ${daysBack(ctx, expr.duration)} AND ${ctx.today}`);
    }
    case 'ago': {
      if (!hasTypeOrUnknown(ctx, scope, expr.attribute, 'date')) return atom('FALSE');
      const col = column(ctx, scope, expr.attribute);
      return nonNull(`${col} < ${daysBack(ctx, expr.duration)}`);
    }
    case 'agoBetween': {
      if (!hasTypeOrUnknown(ctx, scope, expr.attribute, 'date')) return atom('FALSE');
      return nonNull(agoRangeTest(ctx, column(ctx, scope, expr.attribute), expr.range));
    }
    case 'boolean':
      if (!hasTypeOrUnknown(ctx, scope, expr.attribute, 'boolean')) return atom('FALSE');
      return nonNull(column(ctx, scope, expr.attribute));
    case 'segmentRef':
      if (scope.kind === 'event') {
        fail(ctx, 'sql-segment-in-where', '`segment` cannot be used inside `did … where (…)`.', expr.span);
      }
      return segmentRef(ctx, expr.id.text, expr.span);
    case 'did':
      if (scope.kind === 'event') {
        fail(ctx, 'sql-did-in-where', '`did` cannot be used inside `did … where (…)`.', expr.span);
      }
      return did(ctx, expr);
    case 'error':
      return fail(ctx, 'sql-syntax-error', 'The condition has a syntax error; fix it before generating SQL.', expr.span);
  }
}

/** A test that is NULL on missing values, made false instead. */
function nonNull(test: string): Fragment {
  return atom(`COALESCE(${test}, FALSE)`);
}

function contains(ctx: Context, scope: Scope, expr: ContainsExpr): Fragment {
  const type = fieldType(ctx, scope, expr.attribute);
  const texts: string[] = [];
  for (const value of expr.values) {
    if (value.kind !== 'string') return atom('FALSE');
    texts.push(value.value);
  }
  if (type !== undefined && type !== 'string' && type !== 'list') return atom('FALSE');
  // Without a known type, `contains any/all` can only mean a list; `contains "x"` is taken as text.
  const isList = type === 'list' || (type === undefined && expr.mode !== 'one');
  if (texts.length === 0) {
    // All of nothing holds for every present value; one or any of nothing never holds.
    if (expr.mode !== 'all') return atom('FALSE');
    return compileExpr(ctx, { kind: 'presence', attribute: expr.attribute, missing: false, span: expr.span }, scope);
  }
  const col = column(ctx, scope, expr.attribute);
  const tests = texts.map((text, i) => {
    const item = stringLiteral(ctx, text, expr.values[i].span);
    if (isList) return ctx.spec.listContains(col, item);
    return text === '' ? `${col} IS NOT NULL` : ctx.spec.substring(col, item);
  });
  return nonNull(tests.join(expr.mode === 'all' ? ' AND ' : ' OR '));
}

function segmentRef(ctx: Context, id: string, span: Span): Fragment {
  const decl = ctx.segments.get(id);
  if (!decl) fail(ctx, 'sql-unknown-segment', `Unknown segment "${id}".`, span);
  if (ctx.stack.includes(id)) {
    fail(ctx, 'sql-segment-cycle', `Segment references form a cycle: ${[...ctx.stack, id].join(' → ')}.`, span);
  }
  let members = ctx.memberships.get(id);
  if (!members) {
    ctx.stack.push(id);
    try {
      members = membership(ctx, decl, id);
    } finally {
      ctx.stack.pop();
    }
    ctx.memberships.set(id, members);
  }
  return { lines: ['(', `${INDENT}${commentLine(`segment ${id}`)}`, ...indentLines(members.lines), ')'], kind: 'atom' };
}

/**
 * Each `did` gets a CTE counting the matching events per id; profiles join it
 * with a LEFT JOIN, so a profile without such events counts 0 (and `at most`
 * / `exactly 0` hold for it). No correlated subqueries: every engine runs this.
 */
function did(ctx: Context, expr: DidExpr): Fragment {
  const name = `did_${ctx.ctes.length + 1}`;
  const e = EVENT_ALIAS;
  const id = quoteName(ctx, ctx.options.idColumn);
  const eventName = expr.event.text;
  const filters: Fragment[] = [
    atom(`${e}.${ctx.spec.quoteIdent('event')} = ${stringLiteral(ctx, eventName, expr.event.span)}`),
  ];
  if (expr.where) filters.push(compileExpr(ctx, expr.where, { kind: 'event', eventName }));
  // The sample loader drops events without a usable time; a window already excludes NULL times.
  if (expr.window) filters.push(windowFilter(ctx, expr.window));
  else filters.push(atom(`${e}.${ctx.spec.quoteIdent('timestamp')} IS NOT NULL`));
  const where = joinFragments('AND', filters);
  const [firstWhere, ...restWhere] = where.lines;
  ctx.ctes.push({
    name,
    lines: [
      commentLine(describeDid(expr)),
      `SELECT ${e}.${id}, COUNT(*) AS ${COUNT_COLUMN}`,
      `FROM ${tableName(ctx, ctx.options.eventsTable ?? DEFAULT_EVENTS_TABLE)} AS ${e}`,
      `WHERE ${firstWhere}`,
      ...indentLines(restWhere),
      `GROUP BY ${e}.${id}`,
    ],
  });
  const count = expr.count ?? { op: 'atLeast', n: 1 };
  const op = count.op === 'atLeast' ? '>=' : count.op === 'atMost' ? '<=' : '=';
  const test: Fragment = { lines: [`COALESCE(${name}.${COUNT_COLUMN}, 0) ${op} ${count.n}`], kind: 'compare' };
  return expr.negated ? negate(test) : test;
}

function windowFilter(ctx: Context, window: EventWindow): Fragment {
  const day = ctx.spec.timestampDate(`${EVENT_ALIAS}.${ctx.spec.quoteIdent('timestamp')}`);
  switch (window.kind) {
    case 'withinLast':
      return atom(`${day} BETWEEN ${daysBack(ctx, window.duration)} AND ${ctx.today}`);
    case 'since':
      return atom(`${day} >= ${literal(ctx, window.date)}`);
    case 'between':
      return atom(`${day} BETWEEN ${literal(ctx, window.from)} AND ${literal(ctx, window.to)}`);
    case 'agoBetween':
      return atom(agoRangeTest(ctx, day, window.range));
    case 'moreThanAgo':
      return atom(`${day} < ${daysBack(ctx, window.duration)}`);
  }
}

/** `day BETWEEN asOf − M AND asOf − N` for `between N and M UNIT ago`. */
function agoRangeTest(ctx: Context, day: string, range: AgoRange): string {
  const ends = [range.high, range.low].map((lit) => {
    if (lit.kind !== 'number' || !Number.isInteger(lit.value) || lit.value < 0) {
      fail(ctx, 'sql-bad-duration', `${lit.raw || 'The value'} is not a whole number of ${range.unit}s.`, lit.span);
    }
    return daysBack(ctx, { amount: lit.value, unit: range.unit, span: lit.span });
  });
  return `${day} BETWEEN ${ends[0]} AND ${ends[1]}`;
}

/** The first day of a `within last` window, or the day before which `more than … ago` holds. */
function daysBack(ctx: Context, duration: Duration): string {
  if (ctx.asOf !== undefined) {
    const day = subtractDuration(ctx.asOf, duration);
    if (day === undefined) fail(ctx, 'sql-bad-as-of', `asOf "${ctx.asOf}" is not a date.`, duration.span);
    return dateLiteral(day);
  }
  const parts = durationParts(duration);
  return 'days' in parts ? ctx.spec.minusDays(ctx.today, parts.days) : ctx.spec.minusMonths(ctx.today, parts.months);
}

function describeDid(expr: DidExpr): string {
  const words = [expr.negated ? 'did not' : 'did', expr.eventIsString ? JSON.stringify(expr.event.text) : expr.event.text];
  if (expr.where) words.push('where (…)');
  if (expr.count) {
    const op = expr.count.op === 'atLeast' ? 'at least' : expr.count.op === 'atMost' ? 'at most' : 'exactly';
    words.push(`${op} ${expr.count.n} ${expr.count.n === 1 ? 'time' : 'times'}`);
  }
  if (expr.window) words.push(describeWindow(expr.window));
  return `Events per profile for: ${words.join(' ')}`;
}

/** Inside `did … where`, `timestamp` is the event's own time, compared by its UTC date as the evaluator does. */
function isEventTimestamp(scope: Scope, path: Path): boolean {
  return scope.kind === 'event' && path.text === 'timestamp';
}

function column(ctx: Context, scope: Scope, path: Path): string {
  if (scope.kind === 'profile') return `${PROFILE_ALIAS}.${quoteName(ctx, path.text, path.span)}`;
  const col = `${EVENT_ALIAS}.${quoteName(ctx, path.text, path.span)}`;
  return isEventTimestamp(scope, path) ? ctx.spec.timestampDate(col) : col;
}

function fieldType(ctx: Context, scope: Scope, path: Path): ValueType | undefined {
  if (isEventTimestamp(scope, path)) return 'date';
  const catalog = ctx.options.catalog;
  if (!catalog) return undefined;
  if (scope.kind === 'profile') return catalog.attributes.get(path.text)?.type;
  return catalog.events.get(scope.eventName)?.properties.get(path.text)?.type;
}

function hasTypeOrUnknown(ctx: Context, scope: Scope, path: Path, type: ValueType): boolean {
  const known = fieldType(ctx, scope, path);
  return known === undefined || known === type;
}

/**
 * Whether the literals can be compared with the column. The evaluator makes a
 * condition whose literal does not fit the column's type (the checker's
 * type-mismatch error) false for every row; the SQL says FALSE to agree,
 * instead of letting the engine coerce ('30' = 30 in DuckDB) or fail.
 */
function fitsColumn(ctx: Context, scope: Scope, path: Path, literals: Literal[]): boolean {
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

function quoteName(ctx: Context, name: string, span?: Span): string {
  if (name === '') fail(ctx, 'sql-empty-name', 'An empty name cannot be used as a SQL column.', span);
  checkText(ctx, name, 'name', span);
  return ctx.spec.quoteIdent(name);
}

/** A table option: dotted parts are schema / dataset qualifiers, each quoted on its own. */
function tableName(ctx: Context, name: string): string {
  const parts = name.split('.');
  if (parts.some((part) => part === '')) {
    fail(ctx, 'sql-bad-table-name', `The table name "${name}" has an empty part.`);
  }
  return parts.map((part) => quoteName(ctx, part)).join('.');
}

function literal(ctx: Context, lit: Literal): string {
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
function numberLiteral(value: number): string {
  const text = String(value);
  const exponent = text.indexOf('e');
  const digits = (exponent < 0 ? text : text.slice(0, exponent)).replace(/[-.]/g, '').replace(/^0+/, '');
  return digits.length > 15 ? value.toExponential() : text;
}

function stringLiteral(ctx: Context, text: string, span?: Span): string {
  checkText(ctx, text, 'text', span);
  return ctx.spec.stringLiteral(text);
}

function dateLiteral(isoDay: string): string {
  return `DATE '${isoDay}'`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text no SQL engine can hold exactly is refused rather than silently changed. */
function checkText(ctx: Context, text: string, what: 'name' | 'text', span?: Span): void {
  if (text.includes('\u0000')) {
    fail(ctx, 'sql-nul-character', `This ${what} contains a NUL character (\\u0000), which SQL text cannot hold.`, span);
  }
  if (LONE_SURROGATE.test(text)) {
    fail(ctx, 'sql-invalid-unicode', `This ${what} contains an unpaired surrogate (invalid Unicode).`, span);
  }
}
