// Calendar arithmetic for relative windows when asOf is known: the boundary is
// computed here and emitted as a DATE literal, so every dialect gets the same
// day. Months and years are calendar units; a day that does not exist in the
// target month is clamped to its last day (2026-05-31 − 3 months = 2026-02-28),
// which is what DuckDB, PostgreSQL, BigQuery, Snowflake and Spark 3 all do.
import { inWholeDays } from '../syntax/durations';
import type { Duration } from '../syntax/ast';
import { formatDay, parseIsoDay } from '../base/days';

/** A duration as whole days or whole calendar months (weeks are 7 days, years 12 months). */
export function durationParts(duration: Pick<Duration, 'amount' | 'unit'>): { days: number } | { months: number } {
  switch (duration.unit) {
    case 'minute':
    case 'hour':
      return { days: inWholeDays(duration).amount };
    case 'day':
      return { days: duration.amount };
    case 'week':
      return { days: duration.amount * 7 };
    case 'month':
      return { months: duration.amount };
    case 'year':
      return { months: duration.amount * 12 };
  }
}

/** `isoDate` minus the duration, as `YYYY-MM-DD`; undefined when `isoDate` is not a real date. */
export function subtractDuration(isoDate: string, duration: Pick<Duration, 'amount' | 'unit'>): string | undefined {
  const day = parseIsoDay(isoDate);
  if (day === undefined) return undefined;
  const parts = durationParts(duration);
  if ('days' in parts) return formatDay(day - parts.days);
  const [y, m, d] = isoDate.split('-').map(Number);
  const monthIndex = y * 12 + (m - 1) - parts.months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const t = Date.UTC(year, month, Math.min(d, lastDay));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear undoes that.
  const date = new Date(t);
  date.setUTCFullYear(year);
  return date.toISOString().slice(0, 10);
}
