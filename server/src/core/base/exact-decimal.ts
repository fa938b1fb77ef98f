// Exact decimal arithmetic for sums and averages of money: `0.10 + 0.20 >= 0.30`
// must hold, as it does in SQL on DECIMAL(38, 6). Values are taken as the
// decimal their shortest text spells (the text a CSV cell held, for any value
// written with up to 15 significant digits), rounded half away from zero to
// 6 decimal places, and kept as integers of millionths ("micro-units"): exact
// in a double up to 2^53 (9 billion units), in a bigint beyond that.
// A comparison `sum op c` becomes `S × q op p × n` over integers, where
// S is the sum in micro-units, n the number of values (1 for a sum) and
// p / q is c in micro-units: no division, no rounding.

/** digits × 10^exp, exactly. */
export interface Decimal {
  digits: bigint;
  exp: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Decimal text (`42`, `-3.5`, `.5`, `1e-7`, `0.30000000000000004`) exactly; undefined when it is not a finite decimal. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const fraction = m[3] ?? '';
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exponent)) return undefined;
  const digits = BigInt(`${m[1] === '-' ? '-' : ''}${m[2] || '0'}${fraction}`);
  return { digits, exp: exponent - fraction.length };
}

/** The double as the decimal its shortest text spells; undefined for NaN and infinities. */
export function decimalOfDouble(value: number): Decimal | undefined {
  return Number.isFinite(value) ? parseDecimal(String(value)) : undefined;
}

const TEN = 10n;

function pow10(k: number): bigint {
  return TEN ** BigInt(k);
}

/** The decimal in millionths, rounded half away from zero. */
export function toMicro(d: Decimal): bigint {
  const shift = d.exp + 6;
  if (shift >= 0) return d.digits * pow10(shift);
  const divisor = pow10(-shift);
  const negative = d.digits < 0n;
  const magnitude = negative ? -d.digits : d.digits;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return negative ? -q : q;
}

/** A value in micro-units as a double when exact, else as a bigint. */
export type Micro = number | bigint;

export function microOfDouble(value: number): Micro | undefined {
  const d = decimalOfDouble(value);
  if (!d) return undefined;
  const micro = toMicro(d);
  return micro >= -MAX_SAFE_BIG && micro <= MAX_SAFE_BIG ? Number(micro) : micro;
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** A number `c` to compare a micro-unit sum with: c × 10^6 = p / q, q a power of ten. */
export interface Threshold {
  p: bigint;
  q: bigint;
  /** p and q as doubles, for the fast path (exact: undefined when p is past 2^53). */
  pNumber: number | undefined;
  qNumber: number;
}

/** The threshold for a number literal's text; undefined when it is not a finite decimal. */
export function thresholdOf(text: string): Threshold | undefined {
  const d = parseDecimal(text);
  if (!d) return undefined;
  const shift = d.exp + 6;
  const p = shift >= 0 ? d.digits * pow10(shift) : d.digits;
  const q = shift >= 0 ? 1n : pow10(-shift);
  const pNumber = p >= -MAX_SAFE_BIG && p <= MAX_SAFE_BIG ? Number(p) : undefined;
  const qNumber = q <= MAX_SAFE_BIG ? Number(q) : Infinity;
  return { p, q, pNumber, qNumber };
}

/**
 * The sign of S × q − p × n: how the sum of n values (S micro-units in all)
 * compares with the threshold times n. n = 1 compares the sum itself; n = the
 * number of values compares their average, exactly.
 */
export function compareScaled(sum: Micro, n: number, t: Threshold): number {
  if (typeof sum === 'number' && t.pNumber !== undefined) {
    const left = sum * t.qNumber;
    const right = t.pNumber * n;
    // Both products are exact while they stay within 2^53.
    if (Math.abs(left) <= Number.MAX_SAFE_INTEGER && Math.abs(right) <= Number.MAX_SAFE_INTEGER) return Math.sign(left - right);
  }
  const left = BigInt(sum) * t.q;
  const right = t.p * BigInt(n);
  return left < right ? -1 : left > right ? 1 : 0;
}
