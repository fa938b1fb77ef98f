// Cell values parsed straight from bytes (CSV) or from strings (JSON), with
// fast paths for the common shapes (`42`, `-3.5`, `2026-01-31`,
// `2026-01-31T08:00:00Z`) and the general rules as fallback. Every parser
// answers NaN (numbers, instants) or -1 (booleans) for "does not fit".
import { parseIsoInstant } from '../base/days';

const SPACE = 32;
const TAB = 9;
const MS_PER_DAY = 86_400_000;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
// Unambiguous: the integer digits, then an optional `.` and fraction digits (`\d+\.?\d*` let the
// engine split a run of digits between two quantifiers in every way: quadratic on a long cell).
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when bytes [start, end) are empty or only spaces and tabs. */
export function isBlankBytes(b: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = b[k];
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/** A decimal number (`42`, `-3.5`, `.5`, `1e3`; spaces around allowed), or NaN. */
export function parseNumberBytes(b: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  if (s >= e) return NaN;
  let i = s;
  let negative = false;
  if (b[i] === 45) {
    negative = true;
    i++;
  } else if (b[i] === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let dot = false;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) fraction++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  // Up to 15 digits the mantissa is exact and one division by an exact power of
  // ten rounds correctly, so this equals Number(text).
  if (i === e && digits > 0 && digits <= 15) {
    const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
    return negative ? -v : v;
  }
  return parseNumberText(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1'));
}

/** A decimal number written as text, or NaN. Rejects what Number() would bend (`0x10`, `Infinity`, ``). */
export function parseNumberText(text: string): number {
  const t = text.trim();
  return NUMBER_TEXT.test(t) ? Number(t) : NaN;
}

/** `0150`-style numbers: digits with a leading zero usually are codes (zip, phone), not quantities. */
export function hasLeadingZeroBytes(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end && (b[i] === SPACE || b[i] === TAB)) i++;
  if (b[i] === 45 || b[i] === 43) i++;
  return i + 1 < end && b[i] === 48 && b[i + 1] >= 48 && b[i + 1] <= 57;
}

/** 1 for `true`, 0 for `false` (any case, spaces around allowed), -1 otherwise. */
export function parseBooleanBytes(b: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  const n = e - s;
  if (n === 4) {
    if ((b[s] | 32) === 116 && (b[s + 1] | 32) === 114 && (b[s + 2] | 32) === 117 && (b[s + 3] | 32) === 101) return 1;
  } else if (n === 5) {
    if (
      (b[s] | 32) === 102 &&
      (b[s + 1] | 32) === 97 &&
      (b[s + 2] | 32) === 108 &&
      (b[s + 3] | 32) === 115 &&
      (b[s + 4] | 32) === 101
    )
      return 0;
  }
  return -1;
}

export function parseBooleanText(text: string): number {
  const t = text.trim().toLowerCase();
  return t === 'true' ? 1 : t === 'false' ? 0 : -1;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function digits(b: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let k = at; k < at + count; k++) {
    const c = b[k] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The instant (ms since epoch) of an ISO date or date-time, as `parseIsoInstant`
 * reads it, or NaN. Fast paths: `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM:SS[Z]`.
 */
export function parseInstantBytes(b: Uint8Array, start: number, end: number): number {
  let s = start;
  let e = end;
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  const n = e - s;
  if ((n === 10 || n === 19 || (n === 20 && b[s + 19] === 90)) && b[s + 4] === 45 && b[s + 7] === 45) {
    const y = digits(b, s, 4);
    const m = digits(b, s + 5, 2);
    const d = digits(b, s + 8, 2);
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
    const day = daysFromCivil(y, m, d);
    if (n === 10) return day * MS_PER_DAY;
    const sep = b[s + 10];
    if ((sep === 84 || sep === SPACE) && b[s + 13] === 58 && b[s + 16] === 58) {
      const h = digits(b, s + 11, 2);
      const mi = digits(b, s + 14, 2);
      const sec = digits(b, s + 17, 2);
      if (h < 0 || mi < 0 || sec < 0 || h > 23 || mi > 59 || sec > 60) return NaN;
      return day * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
    }
  }
  if (n === 0) return NaN;
  return parseInstantText(Buffer.from(b.buffer, b.byteOffset + s, n).toString('latin1'));
}

export function parseInstantText(text: string): number {
  const v = parseIsoInstant(text.trim());
  return v === undefined ? NaN : v;
}
