// Sequences (`did A then did B within 1 day with same product_id`): the time
// allowed between steps is exact, so months and years (no fixed length) are an
// error with a fix to days; `with same P` names a property of both events, a
// single value to compare. Calendar windows, the other way round, count whole
// days: minutes and hours there are an error too.
import type { Duration, DurationUnit, SequenceExpr } from '../syntax/ast';
import { exactSeconds, isTimeOfDayUnit } from '../syntax/durations';
import { replaceFix, type NameScope, type Reporter } from './context';
import { describeDuration } from './describe';
import { typeInWords } from './literals';
import { isUsablePath, resolveField } from './names';

/** Days a calendar unit stands for in a fix: a month as 30 days, a year as 365. */
const DAYS_PER: Partial<Record<DurationUnit, number>> = { month: 30, year: 365 };

/** `scopes` holds each step's event scope, first step first (from resolveEvent). */
export function checkSequence(expr: SequenceExpr, scopes: NameScope[], r: Reporter): void {
  expr.steps.forEach((step, i) => {
    if (step.gap) checkGap(step.gap, r);
    if (!step.same || !isUsablePath(step.same)) return;
    // The property must belong to both events; each unknown name is reported once.
    const here = resolveField(step.same, scopes[i + 1], r);
    const before = here ? resolveField(step.same, scopes[i], r) : undefined;
    const field = here ?? before;
    if (field?.type === 'list') {
      r.report('type-mismatch', step.same.span, `\`with same\` compares single values, but \`${step.same.text}\` is ${typeInWords('list')}`);
    }
  });
}

function checkGap(gap: Duration, r: Reporter): void {
  if (exactSeconds(gap) !== undefined) return;
  const days = gap.amount * (DAYS_PER[gap.unit] ?? 0);
  const fixed = describeDuration({ amount: days, unit: 'day' });
  r.report(
    'duration-unit',
    gap.span,
    `the time between steps is exact, and a ${gap.unit} has no fixed length: use minutes, hours, days or weeks, such as \`within ${fixed}\``,
    { fixes: [replaceFix(`Change to \`${fixed}\``, gap.span, fixed)] },
  );
}

/** A calendar window or date condition counts whole days: minutes and hours do not fit it. */
export function checkCalendarDuration(d: Pick<Duration, 'amount' | 'unit' | 'span'> | undefined, words: string, r: Reporter): void {
  // Undefined where the parser recovered from a syntax error (reported already).
  if (!d || !isTimeOfDayUnit(d.unit)) return;
  const seconds = exactSeconds(d)!;
  const whole = seconds % 86_400 === 0 ? describeDuration({ amount: seconds / 86_400, unit: 'day' }) : undefined;
  r.report('duration-unit', d.span, `\`${words}\` counts calendar days: use days, weeks, months or years, not ${d.unit}s`, {
    fixes: whole === undefined ? [] : [replaceFix(`Change to \`${whole}\``, d.span, whole)],
  });
}

