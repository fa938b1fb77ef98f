// Aggregates over events: `sum`, `average`, `min`, `max` and `distinct count of
// EVENT.PROPERTY [where (…)] [WINDOW] COMPARISON`. The values are the
// property's present values on the profile's events of that name that pass
// the filter and lie in the window. A profile with no such values has a sum and
// a distinct count of 0, and no average, minimum or maximum (false).
//
// One pass over the set bits of the matching events (rows are grouped by
// profile, so the profile of each row is found by advancing a pointer)
// accumulates per profile; then one pass over the profiles compares. Sums are
// exact (exact-decimal.ts): millionths in doubles, bigints past 2^53.
import type { AggregateComparison, AggregateExpr, CompareOp, Literal } from '../syntax/ast';
import type { Column, EventTable, NumberColumn } from '../sample/store';
import { andNotBits, emptyBitset, fullBitset, type Bitset } from '../base/bitset';
import { eventColumns, matchingEvents, windowDays } from './event-conditions';
import { valueSlots } from './value-slots';
import { compareScaled, microOfDouble, thresholdOf, type Micro, type Threshold } from '../base/exact-decimal';

/** Profiles for which the aggregate's comparison holds; `where` marks the events passing its filter. */
export function evaluateAggregate(
  expr: AggregateExpr,
  events: EventTable | undefined,
  profileCount: number,
  asOfDay: number,
  where: Bitset | undefined,
): Bitset {
  const test = comparisonTest(expr.comparison);
  const range = windowDays(expr.window, asOfDay);
  if (!test || !range) return emptyBitset(profileCount);
  const column = events ? eventColumns(events).get(expr.property.text) : undefined;
  const noValues = holdsWithoutValues(expr, test);
  if (!events || !column) return noValues ? fullBitset(profileCount) : emptyBitset(profileCount);
  const rows = andNotBits(matchingEvents(expr.event.text, range, events, where), column.missing);
  switch (expr.fn) {
    case 'sum':
    case 'average':
      return column.type === 'number' ? sumOrAverage(expr.fn, column, rows, events.profileStart, profileCount, test) : constant(noValues, profileCount);
    case 'min':
    case 'max':
      return column.type === 'number' ? extreme(expr.fn, column, rows, events.profileStart, profileCount, test) : constant(noValues, profileCount);
    case 'distinctCount':
      return distinctCount(column, rows, events.profileStart, profileCount, test);
  }
}

function constant(holds: boolean, size: number): Bitset {
  return holds ? fullBitset(size) : emptyBitset(size);
}

/** How a value compares: exactly for sums and averages, as doubles for the rest. */
interface ComparisonTest {
  /** Sign tests: `>` holds for sign 1, … ; for `between`, both ends. */
  ends: { threshold: Threshold; value: number; holds: (sign: number) => boolean }[];
}

const SIGN_TESTS: Record<CompareOp, (sign: number) => boolean> = {
  '=': (s) => s === 0,
  '!=': (s) => s !== 0,
  '<': (s) => s < 0,
  '<=': (s) => s <= 0,
  '>': (s) => s > 0,
  '>=': (s) => s >= 0,
};

function comparisonTest(comparison: AggregateComparison | undefined): ComparisonTest | undefined {
  if (!comparison) return undefined;
  const end = (lit: Literal, holds: (sign: number) => boolean) => {
    const threshold = lit.kind === 'number' ? thresholdOf(lit.raw) : undefined;
    return threshold && lit.kind === 'number' ? { threshold, value: lit.value, holds } : undefined;
  };
  const ends =
    comparison.kind === 'compare'
      ? [end(comparison.value, SIGN_TESTS[comparison.op])]
      : [end(comparison.low, SIGN_TESTS['>=']), end(comparison.high, SIGN_TESTS['<='])];
  return ends.every((e) => e !== undefined) ? { ends: ends as ComparisonTest['ends'] } : undefined;
}

/** The exact test of a sum (n = 1) or an average (n values) in micro-units. */
function holdsScaled(test: ComparisonTest, sum: Micro, n: number): boolean {
  for (const e of test.ends) if (!e.holds(compareScaled(sum, n, e.threshold))) return false;
  return true;
}

/** The test of a plain number (a minimum, maximum or count), as SQL compares doubles. */
function holdsNumber(test: ComparisonTest, x: number): boolean {
  for (const e of test.ends) if (!e.holds(x < e.value ? -1 : x > e.value ? 1 : 0)) return false;
  return true;
}

/** A sum and a distinct count of nothing are 0; an average, minimum or maximum of nothing does not exist. */
function holdsWithoutValues(expr: AggregateExpr, test: ComparisonTest): boolean {
  if (expr.fn === 'sum') return holdsScaled(test, 0, 1);
  if (expr.fn === 'distinctCount') return holdsNumber(test, 0);
  return false;
}

/** Each set row with the profile it belongs to, in row order. */
function forEachRow(rows: Bitset, profileStart: Int32Array, visit: (row: number, profile: number) => void): void {
  let p = 0;
  for (let w = 0; w < rows.length; w++) {
    let word = rows[w];
    while (word !== 0) {
      const low = word & -word;
      const row = (w << 5) + (31 - Math.clz32(low));
      word ^= low;
      while (profileStart[p + 1] <= row) p++;
      visit(row, p);
    }
  }
}

interface MicroTable {
  /** Each dictionary value in micro-units; NaN where only a bigint holds it exactly. */
  safe: Float64Array;
  big: Map<number, bigint>;
}

const microTables = new WeakMap<NumberColumn, MicroTable>();

/** The column's distinct values in micro-units, computed once per loaded column. */
function microTable(column: NumberColumn): MicroTable {
  let table = microTables.get(column);
  if (!table) {
    const { dictionary } = column;
    const safe = new Float64Array(dictionary.length);
    const big = new Map<number, bigint>();
    for (let c = 0; c < dictionary.length; c++) {
      const micro = microOfDouble(dictionary[c]);
      if (typeof micro === 'number') safe[c] = micro;
      else {
        safe[c] = NaN;
        // A value with no decimal form (an infinity) counts as nothing it could be rounded to: 0.
        big.set(c, micro ?? 0n);
      }
    }
    table = { safe, big };
    microTables.set(column, table);
  }
  return table;
}

function sumOrAverage(
  fn: 'sum' | 'average',
  column: NumberColumn,
  rows: Bitset,
  profileStart: Int32Array,
  profileCount: number,
  test: ComparisonTest,
): Bitset {
  const { safe, big } = microTable(column);
  const codes = column.codes;
  const sums = new Float64Array(profileCount);
  const counts = new Int32Array(profileCount);
  // Profiles whose sum left the exact range of a double (or met a value only a bigint holds).
  let exceeded: Map<number, bigint> | undefined;
  forEachRow(rows, profileStart, (row, p) => {
    counts[p]++;
    const code = codes[row];
    const micro = safe[code];
    const bigSum = exceeded?.get(p);
    if (bigSum !== undefined) {
      exceeded!.set(p, bigSum + (micro === micro ? BigInt(micro) : big.get(code)!));
      return;
    }
    const next = sums[p] + micro;
    if (micro === micro && Math.abs(next) <= Number.MAX_SAFE_INTEGER) sums[p] = next;
    else (exceeded ??= new Map()).set(p, BigInt(sums[p]) + (micro === micro ? BigInt(micro) : big.get(code)!));
  });
  const out = emptyBitset(profileCount);
  for (let p = 0; p < profileCount; p++) {
    const n = counts[p];
    let holds: boolean;
    if (fn === 'average') holds = n > 0 && holdsScaled(test, exceeded?.get(p) ?? sums[p], n);
    else holds = holdsScaled(test, exceeded?.get(p) ?? sums[p], 1);
    if (holds) out[p >>> 5] |= 1 << (p & 31);
  }
  return out;
}

/** The smallest or largest value: the dictionary is sorted, so the smallest or largest code. */
function extreme(fn: 'min' | 'max', column: NumberColumn, rows: Bitset, profileStart: Int32Array, profileCount: number, test: ComparisonTest): Bitset {
  const codes = column.codes;
  const best = new Int32Array(profileCount).fill(-1);
  const isMin = fn === 'min';
  forEachRow(rows, profileStart, (row, p) => {
    const code = codes[row];
    const current = best[p];
    if (current < 0 || (isMin ? code < current : code > current)) best[p] = code;
  });
  const out = emptyBitset(profileCount);
  for (let p = 0; p < profileCount; p++) {
    if (best[p] >= 0 && holdsNumber(test, column.dictionary[best[p]])) out[p >>> 5] |= 1 << (p & 31);
  }
  return out;
}

/**
 * Distinct values per profile: each value's slot remembers the last profile
 * that counted it. Equal numbers share a slot (0 and -0 are one value, as in SQL).
 */
function distinctCount(column: Column, rows: Bitset, profileStart: Int32Array, profileCount: number, test: ComparisonTest): Bitset {
  const slotOf = valueSlots(column);
  const counts = new Int32Array(profileCount);
  if (slotOf) {
    const lastProfile = new Int32Array(slotOf.slots).fill(-1);
    forEachRow(rows, profileStart, (row, p) => {
      const slot = slotOf.slot(row);
      if (lastProfile[slot] !== p) {
        lastProfile[slot] = p;
        counts[p]++;
      }
    });
  }
  const out = emptyBitset(profileCount);
  for (let p = 0; p < profileCount; p++) if (holdsNumber(test, counts[p])) out[p >>> 5] |= 1 << (p & 31);
  return out;
}
