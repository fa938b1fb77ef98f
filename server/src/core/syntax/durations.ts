// What a duration measures. Minutes, hours, days and weeks are exact lengths of
// time (a day is 86,400 seconds), as the gaps of a sequence need; months and
// years are calendar units, only meaningful counted back from a day. Windows
// count calendar days, where minutes and hours do not belong (the checker says
// so); there they are taken as the whole days they span, so nothing breaks.
import type { Duration, DurationUnit } from './ast';

const SECONDS: Partial<Record<DurationUnit, number>> = { minute: 60, hour: 3600, day: 86_400, week: 604_800 };

/** The duration in seconds, or undefined for months and years, which have no fixed length. */
export function exactSeconds(d: Pick<Duration, 'amount' | 'unit'>): number | undefined {
  const unit = SECONDS[d.unit];
  return unit === undefined ? undefined : d.amount * unit;
}

/** True for units shorter than a day (a calendar window cannot use them). */
export function isTimeOfDayUnit(unit: DurationUnit): boolean {
  return unit === 'minute' || unit === 'hour';
}

/** Minutes and hours as the whole days they span; other durations as they are. */
export function inWholeDays(d: Pick<Duration, 'amount' | 'unit'>): Pick<Duration, 'amount' | 'unit'> {
  return isTimeOfDayUnit(d.unit) ? { amount: Math.floor(exactSeconds(d)! / 86_400), unit: 'day' } : d;
}
