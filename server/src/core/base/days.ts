// Calendar days as whole days since 1970-01-01 (UTC), the unit every date
// condition, every date column and the SQL compiler count in; and reading ISO
// dates and date-times into days and instants.

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date `YYYY-MM-DD`, or undefined when it is not a real date. */
export function parseIsoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.floor(t / MS_PER_DAY);
}

/**
 * The instant of an ISO date or date-time (`2026-01-31`, `2026-01-31T08:00:00Z`,
 * `2026-01-31 08:00:00`, `…+02:00`), ms since epoch. A date-time without a zone is UTC.
 */
export function parseIsoInstant(text: string): number | undefined {
  const day = parseIsoDay(text);
  if (day !== undefined) return day * MS_PER_DAY;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return undefined;
  const d = parseIsoDay(m[1]);
  if (d === undefined) return undefined;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const s = m[4] ? Number(m[4]) : 0;
  if (h > 23 || mi > 59 || s > 60) return undefined;
  const frac = m[5] ? Math.round(Number(m[5]) * 1000) : 0;
  let offsetMs = 0;
  const zone = m[6];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return d * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + frac - offsetMs;
}

export function dayOfInstant(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
