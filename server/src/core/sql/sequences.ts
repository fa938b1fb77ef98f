// Sequences. One CTE per chain: the events of the steps joined on the profile
// id, each strictly later than the one before and at most its gap after it
// (`e2.timestamp > e1.timestamp AND e2.timestamp <= e1.timestamp + gap`), with
// `e2.P = e1.P` for `with same P` (false when either is NULL, as the preview
// asks both present). A last step `then did not` is a correlated NOT EXISTS on
// the chain's last event, plus the rule that its span has ended by the end of
// the asOf day. The CTE lists the ids with such a chain; the profiles table
// LEFT JOINs it.
import type { SequenceExpr, SequenceStep } from '../syntax/ast';
import { exactSeconds } from '../syntax/durations';
import { describeEvent, describeWindow } from '../check/describe';
import { column, dateLiteral, fail, quoteName, type Context } from './context';
import { formatDay, parseIsoDay } from '../base/days';
import { eventFilterParts, eventsTable, timestampOf } from './events';
import { commentLine, indentLines, joinFragments, negate, atom, type Fragment } from './fragment';

export function sequence(ctx: Context, expr: SequenceExpr): Fragment {
  const name = `seq_${ctx.ctes.length + 1}`;
  const id = quoteName(ctx, ctx.options.idColumn);
  const alias = (k: number) => `e${k + 1}`;
  const table = eventsTable(ctx);
  const negatedLast = expr.steps[expr.steps.length - 1].negated;
  const joined = negatedLast ? expr.steps.slice(0, -1) : expr.steps;

  const from = [`FROM ${table} AS ${alias(0)}`];
  joined.forEach((step, i) => {
    const [before, here] = [alias(i), alias(i + 1)];
    from.push(`  JOIN ${table} AS ${here} ON ${joinTest(ctx, step, before, here).join(' AND ')}`);
  });
  const filters: Fragment[] = eventFilterParts(ctx, expr.first, expr.first.window, alias(0));
  joined.forEach((step, i) => filters.push(...eventFilterParts(ctx, step, undefined, alias(i + 1))));
  if (negatedLast) {
    const step = expr.steps[expr.steps.length - 1];
    const before = alias(joined.length);
    const here = alias(joined.length + 1);
    filters.push(atom(`${ctx.spec.addSeconds(timestampOf(ctx, before), gapSeconds(ctx, step))} < ${endOfAsOfDay(ctx)}`));
    const blocker = joinFragments('AND', [
      atom(`${here}.${id} = ${before}.${id}`),
      ...eventFilterParts(ctx, step, undefined, here),
      ...joinTest(ctx, step, before, here).slice(1).map(atom),
    ]);
    filters.push({ lines: ['NOT EXISTS (', '  SELECT 1', `  FROM ${table} AS ${here}`, ...prefixFirst('WHERE ', blocker.lines).map((l) => `  ${l}`), ')'], kind: 'not' });
  }
  const where = joinFragments('AND', filters);
  ctx.ctes.push({
    name,
    lines: [commentLine(describeSequence(expr)), `SELECT ${alias(0)}.${id}`, ...from, ...prefixFirst('WHERE ', where.lines), `GROUP BY ${alias(0)}.${id}`],
  });
  const test: Fragment = atom(`${name}.${id} IS NOT NULL`);
  return expr.negated ? negate(test) : test;
}

/** `here` follows `before`: the same profile, strictly later, within the gap, and the same value for `with same`. */
function joinTest(ctx: Context, step: SequenceStep, before: string, here: string): string[] {
  const id = quoteName(ctx, ctx.options.idColumn);
  const [t0, t1] = [timestampOf(ctx, before), timestampOf(ctx, here)];
  const tests = [`${here}.${id} = ${before}.${id}`, `${t1} > ${t0}`, `${t1} <= ${ctx.spec.addSeconds(t0, gapSeconds(ctx, step))}`];
  if (step.same) {
    const scope = (alias: string) => ({ kind: 'event' as const, eventName: step.event.text, alias });
    tests.push(`${column(ctx, scope(here), step.same)} = ${column(ctx, scope(before), step.same)}`);
  }
  return tests;
}

function gapSeconds(ctx: Context, step: SequenceStep): number {
  const seconds = step.gap ? exactSeconds(step.gap) : undefined;
  if (seconds === undefined) return fail(ctx, 'sql-bad-duration', 'The time between steps must be minutes, hours, days or weeks.', step.gap?.span ?? step.span);
  return seconds;
}

/** Midnight (UTC) after the asOf day, or after the engine's current UTC date. */
function endOfAsOfDay(ctx: Context): string {
  const next = ctx.asOf !== undefined ? dateLiteral(formatDay(parseIsoDay(ctx.asOf)! + 1)) : ctx.spec.nextDay(ctx.today);
  return ctx.spec.dayStart(next);
}

function prefixFirst(prefix: string, lines: string[]): string[] {
  const [first, ...rest] = lines;
  return [`${prefix}${first}`, ...indentLines(rest)];
}

function describeSequence(expr: SequenceExpr): string {
  const words = [`${expr.negated ? 'did not' : 'did'} ${describeEvent(expr.first)}${expr.first.where ? ' where (…)' : ''}`];
  if (expr.first.window) words.push(describeWindow(expr.first.window));
  for (const step of expr.steps) {
    words.push(`then did ${step.negated ? 'not ' : ''}${describeEvent(step)}${step.where ? ' where (…)' : ''}`);
    if (step.gap) words.push(`within ${step.gap.amount} ${step.gap.unit}${step.gap.amount === 1 ? '' : 's'}`);
    if (step.same) words.push(`with same ${step.same.text}`);
  }
  return `Profiles with a chain: ${words.join(' ')}`;
}
