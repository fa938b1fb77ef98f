// Calendar arithmetic on day numbers (days since 1970-01-01, UTC), for relative
// windows such as `within last 3 months`. Months and years are calendar months
// and years, as a marketer counts them: 2026-11-01 minus 3 months is 2026-08-01.
// When the target month is shorter, the day is clamped to its last day
// (2026-05-31 minus 3 months is 2026-02-28), which is also what SQL engines'
// `date - interval 'n months'` do.
import type { AgoRange, Duration, DurationUnit } from '../syntax/ast';
import { inWholeDays } from '../syntax/durations';
import { parseIsoDay } from '../base/days';

const MS_PER_DAY = 86_400_000;

/** The day `amount` units before `day`. */
export function subtractDuration(day: number, duration: Pick<Duration, 'amount' | 'unit'>): number {
  const whole = inWholeDays(duration);
  return shiftDay(day, -whole.amount, whole.unit);
}

/** The day `amount` units after `day` (negative amounts go back); minutes and hours count as the whole days they span. */
export function shiftDay(day: number, amount: number, unit: DurationUnit): number {
  switch (unit) {
    case 'minute':
    case 'hour': {
      const days = inWholeDays({ amount: Math.abs(amount), unit }).amount;
      return day + Math.sign(amount) * days;
    }
    case 'day':
      return day + amount;
    case 'week':
      return day + 7 * amount;
    case 'month':
      return shiftMonths(day, amount);
    case 'year':
      return shiftMonths(day, 12 * amount);
  }
}

function shiftMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  // Day 0 of the next month is the last day of this one.
  const lastDay = utcDate(year, month + 1, 0).getUTCDate();
  const dayOfMonth = Math.min(date.getUTCDate(), lastDay);
  return Math.round(utcDate(year, month, dayOfMonth).getTime() / MS_PER_DAY);
}

/**
 * The days `between N and M UNIT ago` covers, both included: asOf − M … asOf − N.
 * Undefined when N or M is not a number (a problem the parser reports).
 */
export function agoRangeDays(range: AgoRange, asOfDay: number): { from: number; to: number } | undefined {
  const { low, high, unit } = range;
  if (low.kind !== 'number' || high.kind !== 'number') return undefined;
  return { from: subtractDuration(asOfDay, { amount: high.value, unit }), to: subtractDuration(asOfDay, { amount: low.value, unit }) };
}

/** Like Date.UTC, but years 0–99 stay themselves instead of meaning 1900–1999. */
function utcDate(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d;
}

/**
 * The day relative windows count back from: the config's `asOf` (YYYY-MM-DD)
 * when set and valid, otherwise today in UTC. (The config loader reports an
 * invalid `asOf`; falling back to today keeps previews working meanwhile.)
 */
export function resolveAsOfDay(asOf: string | undefined, now: number = Date.now()): number {
  const day = asOf === undefined ? undefined : parseIsoDay(asOf);
  return day ?? todayUtcDay(now);
}

/** Today's day number in UTC. */
export function todayUtcDay(now: number = Date.now()): number {
  return Math.floor(now / MS_PER_DAY);
}
