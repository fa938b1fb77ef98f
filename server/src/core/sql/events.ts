// Behaviour conditions that read one event at a time (`did`, `first did`,
// `last did`, and the aggregates): each becomes a CTE with one row per profile
// id that has matching events — the events of that name, passing the filter
// and the window — and a value computed over them. The profiles table LEFT
// JOINs it, so a profile without such events finds NULL there, which each
// predicate turns into its answer for "no events". No correlated subqueries:
// every engine runs this.
import type { AgoRange, DidExpr, EventRef, EventWindow, FirstLastExpr } from '../syntax/ast';
import { describeEvent, describeWindow } from '../check/describe';
import {
  daysBack,
  DEFAULT_EVENTS_TABLE,
  EVENT_ALIAS,
  fail,
  literal,
  nonNull,
  quoteName,
  stringLiteral,
  tableName,
  type Context,
} from './context';
import { atom, commentLine, indentLines, joinFragments, negate, type Fragment } from './fragment';

const COUNT_COLUMN = 'event_count';
const TIME_COLUMN = 'event_at';

/** The matching events of one condition, grouped per id, as a CTE; returns its name. */
export function eventCte(ctx: Context, prefix: string, comment: string, value: string, ref: EventRef, window: EventWindow | undefined): string {
  const name = `${prefix}_${ctx.ctes.length + 1}`;
  const e = EVENT_ALIAS;
  const id = quoteName(ctx, ctx.options.idColumn);
  const where = eventFilter(ctx, ref, window, e);
  const [firstWhere, ...restWhere] = where.lines;
  ctx.ctes.push({
    name,
    lines: [
      commentLine(comment),
      `SELECT ${e}.${id}, ${value}`,
      `FROM ${eventsTable(ctx)} AS ${e}`,
      `WHERE ${firstWhere}`,
      ...indentLines(restWhere),
      `GROUP BY ${e}.${id}`,
    ],
  });
  return name;
}

export function eventsTable(ctx: Context): string {
  return tableName(ctx, ctx.options.eventsTable ?? DEFAULT_EVENTS_TABLE);
}

/** The events (under `alias`) of the condition's name that pass its filter and lie in its window. */
export function eventFilter(ctx: Context, ref: EventRef, window: EventWindow | undefined, alias: string): Fragment {
  return joinFragments('AND', eventFilterParts(ctx, ref, window, alias));
}

/** The tests of eventFilter, to join with others into one flat `AND`. */
export function eventFilterParts(ctx: Context, ref: EventRef, window: EventWindow | undefined, alias: string): Fragment[] {
  const eventName = ref.event.text;
  const filters: Fragment[] = [
    atom(`${alias}.${ctx.spec.quoteIdent('event')} = ${stringLiteral(ctx, eventName, ref.event.span)}`),
  ];
  if (ref.where) filters.push(ctx.compile(ref.where, { kind: 'event', eventName, alias }));
  // The sample loader drops events without a usable time; a window already excludes NULL times.
  const time = timestampOf(ctx, alias);
  filters.push(window ? atom(windowTest(ctx, ctx.spec.timestampDate(time), window)) : atom(`${time} IS NOT NULL`));
  return filters;
}

export function timestampOf(ctx: Context, alias: string): string {
  return `${alias}.${ctx.spec.quoteIdent('timestamp')}`;
}

/**
 * Each `did` counts the matching events per id; a profile without such events
 * counts 0 (and `at most` / `exactly 0` hold for it).
 */
export function did(ctx: Context, expr: DidExpr): Fragment {
  const name = eventCte(ctx, 'did', describeDid(expr), `COUNT(*) AS ${COUNT_COLUMN}`, expr, expr.window);
  const count = expr.count ?? { op: 'atLeast', n: 1 };
  const op = count.op === 'atLeast' ? '>=' : count.op === 'atMost' ? '<=' : '=';
  const test: Fragment = { lines: [`COALESCE(${name}.${COUNT_COLUMN}, 0) ${op} ${count.n}`], kind: 'compare' };
  return expr.negated ? negate(test) : test;
}

/**
 * `first did` / `last did`: the earliest (latest) matching timestamp per id,
 * over all time; its UTC date must lie in the window. No such event: NULL,
 * which is false.
 */
export function firstLast(ctx: Context, expr: FirstLastExpr): Fragment {
  if (!expr.window) return fail(ctx, 'sql-syntax-error', `\`${expr.which} did\` needs a window; fix it before generating SQL.`, expr.span);
  const fn = expr.which === 'first' ? 'MIN' : 'MAX';
  const comment = `The ${expr.which} ${describeEvent(expr)}${expr.where ? ' where (…)' : ''} of each profile`;
  const name = eventCte(ctx, expr.which, comment, `${fn}(${timestampOf(ctx, EVENT_ALIAS)}) AS ${TIME_COLUMN}`, expr, undefined);
  return nonNull(windowTest(ctx, ctx.spec.timestampDate(`${name}.${TIME_COLUMN}`), expr.window));
}

/** A window as a test of a DATE expression. */
export function windowTest(ctx: Context, day: string, window: EventWindow): string {
  switch (window.kind) {
    case 'withinLast':
      return `${day} BETWEEN ${daysBack(ctx, window.duration)} AND ${ctx.today}`;
    case 'since':
      return `${day} >= ${literal(ctx, window.date)}`;
    case 'between':
      return `${day} BETWEEN ${literal(ctx, window.from)} AND ${literal(ctx, window.to)}`;
    case 'agoBetween':
      return agoRangeTest(ctx, day, window.range);
    case 'moreThanAgo':
      return `${day} < ${daysBack(ctx, window.duration)}`;
  }
}

/** `day BETWEEN asOf − M AND asOf − N` for `between N and M UNIT ago`. */
export function agoRangeTest(ctx: Context, day: string, range: AgoRange): string {
  const ends = [range.high, range.low].map((lit) => {
    if (lit.kind !== 'number' || !Number.isInteger(lit.value) || lit.value < 0) {
      fail(ctx, 'sql-bad-duration', `${lit.raw || 'The value'} is not a whole number of ${range.unit}s.`, lit.span);
    }
    return daysBack(ctx, { amount: lit.value, unit: range.unit, span: lit.span });
  });
  return `${day} BETWEEN ${ends[0]} AND ${ends[1]}`;
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
