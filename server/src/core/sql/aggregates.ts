// Aggregates over events. Each gets a CTE (events.ts) computing its value per
// id over the matching events; profiles without any find NULL there.
//
// Exactness: sums and averages read the property as DECIMAL(38, 6) (the
// dialect's exact decimal), so `0.10 + 0.20 >= 0.30` holds in every engine as
// in the preview, and an average is compared without dividing: `avg > c` is
// `SUM(x) > c * COUNT(x)`. The thresholds are written as exact decimal
// literals. Minimum and maximum compare the column's own values (doubles) with
// the number, as attribute comparisons do.
import type { AggregateComparison, AggregateExpr, Literal } from '../syntax/ast';
import { AGGREGATE_FUNCTION_WORDS, describeEvent, describePath, describeWindow } from '../check/describe';
import { parseDecimal } from '../base/exact-decimal';
import { column, EVENT_ALIAS, fail, literal, type Context } from './context';
import { eventCte } from './events';
import type { Fragment } from './fragment';

const VALUE = 'agg_value';
const SUM = 'agg_sum';
const COUNT = 'agg_count';

export function aggregate(ctx: Context, expr: AggregateExpr): Fragment {
  const c = expr.comparison;
  if (!c) return fail(ctx, 'sql-syntax-error', 'The aggregate has no comparison; fix it before generating SQL.', expr.span);
  const value = column(ctx, { kind: 'event', eventName: expr.event.text, alias: EVENT_ALIAS }, expr.property);
  const cte = (select: string) => eventCte(ctx, expr.fn === 'distinctCount' ? 'distinct' : expr.fn, describeAggregate(expr), select, expr, expr.window);
  switch (expr.fn) {
    case 'sum': {
      const name = cte(`SUM(${ctx.spec.exactDecimal(value)}) AS ${VALUE}`);
      // No values: a sum of 0.
      return compare(`COALESCE(${name}.${VALUE}, 0)`, c, (lit) => decimal(ctx, lit), false);
    }
    case 'average': {
      const name = cte(`SUM(${ctx.spec.exactDecimal(value)}) AS ${SUM}, COUNT(${value}) AS ${COUNT}`);
      // sum op c × count; no values: NULL, so false.
      return compare(`${name}.${SUM}`, c, (lit) => `${decimal(ctx, lit)} * ${name}.${COUNT}`, true);
    }
    case 'min':
    case 'max': {
      const name = cte(`${expr.fn.toUpperCase()}(${value}) AS ${VALUE}`);
      return compare(`${name}.${VALUE}`, c, (lit) => number(ctx, lit), true);
    }
    case 'distinctCount': {
      const name = cte(`COUNT(DISTINCT ${value}) AS ${VALUE}`);
      return compare(`COALESCE(${name}.${VALUE}, 0)`, c, (lit) => number(ctx, lit), false);
    }
  }
}

/** `lhs op rhs` or `lhs BETWEEN … AND …`; wrapped in COALESCE(…, FALSE) where lhs may be NULL. */
function compare(lhs: string, c: AggregateComparison, rhs: (lit: Literal) => string, nullable: boolean): Fragment {
  const test =
    c.kind === 'compare' ? `${lhs} ${c.op === '!=' ? '<>' : c.op} ${rhs(c.value)}` : `${lhs} BETWEEN ${rhs(c.low)} AND ${rhs(c.high)}`;
  return nullable ? { lines: [`COALESCE(${test}, FALSE)`], kind: 'atom' } : { lines: [test], kind: 'compare' };
}

function number(ctx: Context, lit: Literal): string {
  if (lit.kind !== 'number') fail(ctx, 'sql-bad-number', `${lit.raw || 'The value'} is not a number.`, lit.span);
  return literal(ctx, lit);
}

/** The number exactly as written, as a decimal literal (no exponent: an exponent reads as a double in some engines). */
function decimal(ctx: Context, lit: Literal): string {
  const d = lit.kind === 'number' ? parseDecimal(lit.raw) : undefined;
  if (!d) return fail(ctx, 'sql-bad-number', `${lit.raw || 'The value'} is not a number.`, lit.span);
  return ctx.spec.decimalLiteral(plainDecimal(d.digits, d.exp));
}

/** digits × 10^exp without an exponent: `1000`, `0.30`, `-0.0000001`. */
export function plainDecimal(digits: bigint, exp: number): string {
  const negative = digits < 0n;
  const text = (negative ? -digits : digits).toString();
  let out: string;
  if (exp >= 0) out = text + '0'.repeat(exp);
  else {
    const padded = text.padStart(-exp + 1, '0');
    out = `${padded.slice(0, padded.length + exp)}.${padded.slice(padded.length + exp)}`;
  }
  return negative ? `-${out}` : out;
}

function describeAggregate(expr: AggregateExpr): string {
  const words = [`${AGGREGATE_FUNCTION_WORDS[expr.fn]} of ${describeEvent(expr)}.${describePath(expr.property)}`];
  if (expr.where) words.push('where (…)');
  if (expr.window) words.push(describeWindow(expr.window));
  return `Per profile: ${words.join(' ')}`;
}
