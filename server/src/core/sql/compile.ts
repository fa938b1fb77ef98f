// Compiles one segment to one SQL query returning the ids of its members.
//
// The query must select exactly the profiles the sample evaluator counts, so
// the language's two-valued logic is made explicit: every condition compiles to
// a predicate that is never NULL (`COALESCE(test, FALSE)` or an IS [NOT] NULL
// test), which lets `not` and `exclude` be plain SQL NOT. The full list of
// decisions per condition is in ./README.md.
import type { ContainsExpr, Expr, SegmentDecl } from '../syntax/ast';
import type { Span } from '../base/span';
import { parseIsoDay } from '../base/days';
import { DIALECT_SPECS } from './dialects';
import {
  column,
  dateLiteral,
  daysBack,
  DEFAULT_PROFILES_TABLE,
  fail,
  fieldType,
  fitsColumn,
  hasTypeOrUnknown,
  literal,
  nonNull,
  PROFILE_ALIAS,
  quoteName,
  SqlCompileError,
  stringLiteral,
  tableName,
  type Context,
  type Scope,
  type SqlCompileOptions,
} from './context';
import { agoRangeTest, did, firstLast } from './events';
import { aggregate } from './aggregates';
import { sequence } from './sequences';
import { atom, commentLine, INDENT, indentLines, joinFragments, negate, parenthesize, type Fragment } from './fragment';

export { DIALECTS, isDialect, type Dialect } from './dialects';
export { DEFAULT_EVENTS_TABLE, DEFAULT_PROFILES_TABLE, SqlCompileError, type SqlCompileOptions } from './context';

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
    compile: (expr, scope) => compileExpr(ctx, expr, scope),
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
    case 'aggregate':
      if (scope.kind === 'event') fail(ctx, 'sql-did-in-where', 'An aggregate cannot be used inside `where (…)`.', expr.span);
      return aggregate(ctx, expr);
    case 'sequence':
      if (scope.kind === 'event') fail(ctx, 'sql-did-in-where', 'A sequence cannot be used inside `where (…)`.', expr.span);
      return sequence(ctx, expr);
    case 'firstLast':
      if (scope.kind === 'event') fail(ctx, 'sql-did-in-where', `\`${expr.which} did\` cannot be used inside \`where (…)\`.`, expr.span);
      return firstLast(ctx, expr);
    case 'error':
      return fail(ctx, 'sql-syntax-error', 'The condition has a syntax error; fix it before generating SQL.', expr.span);
  }
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

