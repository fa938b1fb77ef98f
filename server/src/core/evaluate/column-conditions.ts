// Conditions on one attribute (a profile attribute, or an event property inside
// `did … where`), evaluated over all rows of its column at once.
//
// Missing values (docs/language.md#missing-values): every comparison, range, list and text test is false
// on a missing value — also `!=` and `not in`. Only `is missing` looks at them.
// A column absent from the sample behaves as one where every row is missing (the
// schema may declare attributes the sample lacks; the checker reports truly
// unknown names, so the evaluator never runs on those).
//
// A literal that does not fit the column's type (a number against a string
// column, a string against a date column, …) makes the condition false for every
// row: the checker reports the mismatch as an error. Each form otherwise gets its
// natural meaning on any column type; which forms are allowed is the checker's
// business, not this module's.
import type { CompareOp, ContainsExpr, Literal, TextMatchExpr } from '../syntax/ast';
import type { Column, ListColumn, OrderedCodes, StringColumn } from '../sample/store';
import { parseIsoDay } from '../base/days';
import { andBits, andNotBits, emptyBitset, fullBitset, type Bitset } from '../base/bitset';
import { agoRangeDays, subtractDuration } from './calendar';
import { lowerBound, upperBound } from '../sample/number-dictionary';
import { byteFlagBits, byteTableBits, codeRangeBits, codeTableBits, rowsWithMarkedItem, uint32SetBits } from './row-scan';
import { compareCodePoints } from '../base/text-order';

import type { AttributeCondition } from '../syntax/ast';
export type { AttributeCondition };

/** The rows of a table for which `expr` holds; `column` is undefined when the table has no such column. */
export function evaluateAttributeCondition(
  expr: AttributeCondition,
  column: Column | undefined,
  size: number,
  asOfDay: number,
): Bitset {
  if (!column) {
    return expr.kind === 'presence' && expr.missing ? fullBitset(size) : emptyBitset(size);
  }
  switch (expr.kind) {
    case 'presence':
      return expr.missing ? missingBits(column, size) : presentBits(column, size);
    case 'compare':
      return compare(column, expr.op, expr.value, size);
    case 'boolean':
      return column.type === 'boolean'
        ? andNotBits(byteFlagBits(column.values, size), missingBits(column, size))
        : emptyBitset(size);
    case 'in':
      return inList(column, expr.values, expr.negated, size);
    case 'between':
      return between(column, expr.low, expr.high, size);
    case 'contains':
      return contains(column, expr.mode, expr.values, size);
    case 'textMatch':
      return textMatch(column, expr.op, expr.value, size);
    case 'dateCompare': {
      const day = column.type === 'date' ? literalDay(expr.value) : undefined;
      if (day === undefined) return emptyBitset(size);
      return expr.op === 'before' ? numericRange(column, -Infinity, day - 1, size) : numericRange(column, day + 1, Infinity, size);
    }
    case 'withinLast':
      if (column.type !== 'date') return emptyBitset(size);
      return numericRange(column, subtractDuration(asOfDay, expr.duration), asOfDay, size);
    case 'ago':
      if (column.type !== 'date') return emptyBitset(size);
      return numericRange(column, -Infinity, subtractDuration(asOfDay, expr.duration) - 1, size);
    case 'agoBetween': {
      const days = column.type === 'date' ? agoRangeDays(expr.range, asOfDay) : undefined;
      return days ? numericRange(column, days.from, days.to, size) : emptyBitset(size);
    }
  }
}

// ---- presence ---------------------------------------------------------------

/** The column's own missing mask, which has a bitset's layout. Never mutate the result. */
export function missingBits(column: Column, _size: number): Bitset {
  return column.missing;
}

function presentBits(column: Column, size: number): Bitset {
  return andNotBits(fullBitset(size), missingBits(column, size));
}

// ---- literals as column values ----------------------------------------------

/** Day number of a date or date-time literal (a date-time counts by its UTC date). */
export function literalDay(lit: Literal): number | undefined {
  return lit.kind === 'date' || lit.kind === 'datetime' ? parseIsoDay(lit.value) : undefined;
}

/**
 * The literal as a number comparable with the column's values: the number itself,
 * a day number for dates, 0/1 for booleans. Undefined when it does not fit.
 */
function numericValue(column: Column, lit: Literal): number | undefined {
  switch (column.type) {
    case 'number':
      return lit.kind === 'number' ? lit.value : undefined;
    case 'date':
      return literalDay(lit);
    case 'boolean':
      return lit.kind === 'boolean' ? (lit.value ? 1 : 0) : undefined;
    default:
      return undefined;
  }
}

function stringValue(lit: Literal): string | undefined {
  return lit.kind === 'string' ? lit.value : undefined;
}

// ---- comparison and ranges ---------------------------------------------------

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The smallest double above x: turns `v > x` into `v >= nextUp(x)`. */
function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] += x > 0 ? 1n : -1n;
  return f64[0];
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * Rows whose value lies in [lo, hi], missing or not (callers AND with the present
 * rows). The dictionary is ascending, so those values are the codes in [first, last].
 */
export function orderedRangeBits(ordered: OrderedCodes, lo: number, hi: number, size: number): Bitset {
  const first = lowerBound(ordered.dictionary, lo);
  const last = upperBound(ordered.dictionary, hi) - 1;
  return first > last ? emptyBitset(size) : codeRangeBits(ordered.codes, first, last, size);
}

/** Present rows with lo <= value <= hi, for number, date and boolean columns. */
function numericRange(column: Column, lo: number, hi: number, size: number): Bitset {
  let bits: Bitset;
  switch (column.type) {
    case 'number':
    case 'date':
      bits = orderedRangeBits(column, lo, hi, size);
      break;
    case 'boolean': {
      const table = Uint8Array.of(lo <= 0 && 0 <= hi ? 1 : 0, lo <= 1 && 1 <= hi ? 1 : 0);
      bits = byteTableBits(column.values, table, size);
      break;
    }
    default:
      return emptyBitset(size);
  }
  return andNotBits(bits, missingBits(column, size));
}

function compare(column: Column, op: CompareOp, lit: Literal, size: number): Bitset {
  if (column.type === 'string') {
    const value = stringValue(lit);
    if (value === undefined) return emptyBitset(size);
    if (op === '=' || op === '!=') {
      const code = column.dictionary.indexOf(value);
      return dictionaryBits(column, size, (_, c) => (c === code) === (op === '='));
    }
    return dictionaryBits(column, size, (text) => holds(op, compareCodePoints(text, value)));
  }
  const x = numericValue(column, lit);
  if (x === undefined) return emptyBitset(size);
  switch (op) {
    case '=':
      return numericRange(column, x, x, size);
    case '!=':
      return andNotBits(presentBits(column, size), numericRange(column, x, x, size));
    case '<':
      return numericRange(column, -Infinity, nextDown(x), size);
    case '<=':
      return numericRange(column, -Infinity, x, size);
    case '>':
      return numericRange(column, nextUp(x), Infinity, size);
    case '>=':
      return numericRange(column, x, Infinity, size);
  }
}

function holds(op: CompareOp, order: number): boolean {
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function between(column: Column, low: Literal, high: Literal, size: number): Bitset {
  if (column.type === 'string') {
    const lo = stringValue(low);
    const hi = stringValue(high);
    if (lo === undefined || hi === undefined) return emptyBitset(size);
    return dictionaryBits(column, size, (text) => compareCodePoints(text, lo) >= 0 && compareCodePoints(text, hi) <= 0);
  }
  const lo = numericValue(column, low);
  const hi = numericValue(column, high);
  if (lo === undefined || hi === undefined) return emptyBitset(size);
  return numericRange(column, lo, hi, size);
}

// ---- lists of values ----------------------------------------------------------

function inList(column: Column, values: Literal[], negated: boolean, size: number): Bitset {
  let bits: Bitset;
  if (column.type === 'string') {
    const wanted = values.map(stringValue);
    if (wanted.some((v) => v === undefined)) return emptyBitset(size);
    const set = new Set(wanted);
    bits = dictionaryBits(column, size, (text) => set.has(text));
  } else if (column.type === 'list') {
    return emptyBitset(size);
  } else {
    const wanted = values.map((v) => numericValue(column, v));
    if (wanted.some((v) => v === undefined)) return emptyBitset(size);
    bits = emptyBitset(size);
    for (const x of new Set(wanted as number[])) bits = orInto(bits, numericRange(column, x, x, size));
  }
  // `not in` is a list test of its own, false on missing values: not the negation of `in`.
  return negated ? andNotBits(presentBits(column, size), bits) : bits;
}

function orInto(acc: Bitset, more: Bitset): Bitset {
  for (let w = 0; w < acc.length; w++) acc[w] |= more[w];
  return acc;
}

function contains(column: Column, mode: ContainsExpr['mode'], values: Literal[], size: number): Bitset {
  const wanted = values.map(stringValue);
  if (wanted.some((v) => v === undefined)) return emptyBitset(size);
  const texts = wanted as string[];
  if (column.type === 'string') {
    // Substring tests, decided once per distinct value.
    return mode === 'all'
      ? dictionaryBits(column, size, (text) => texts.every((t) => text.includes(t)))
      : dictionaryBits(column, size, (text) => texts.some((t) => text.includes(t)));
  }
  if (column.type === 'list') return listContains(column, mode, texts, size);
  return emptyBitset(size);
}

/**
 * Membership on list columns: exact, case-sensitive item equality. Works on the
 * items first (one pass over all items marks the wanted ones), then asks per row
 * whether its range of items holds a mark: no loop per item inside the row loop.
 * `all` is the AND over the wanted items of "has this item".
 */
function listContains(column: ListColumn, mode: ContainsExpr['mode'], texts: string[], size: number): Bitset {
  const { offsets, itemCodes, dictionary } = column;
  const codes = [...new Set(texts)].map((t) => dictionary.indexOf(t));
  const sets = itemSets(column, size);
  if (sets) return andNotBits(itemSetBits(sets, codes, mode, size), missingBits(column, size));
  const rowsWithAny = (wanted: number[]) => {
    // One spare slot keeps code 0 in bounds for an empty dictionary.
    const table = new Uint8Array(dictionary.length + 1);
    for (const c of wanted) if (c >= 0) table[c] = 1;
    return rowsWithMarkedItem(offsets, codeTableBits(itemCodes, table, itemCodes.length), size);
  };
  let bits: Bitset;
  if (mode === 'all') {
    bits = presentBits(column, size);
    for (const c of codes) bits = andBits(bits, rowsWithAny([c]));
  } else {
    bits = rowsWithAny(codes);
  }
  return andNotBits(bits, missingBits(column, size));
}

/** Item sets of up to 8, 16 or 32 items: bit c of row i's set is "row i holds item c". */
type ItemSets = Uint8Array | Uint16Array | Uint32Array;

const itemSetsCache = new WeakMap<ListColumn, ItemSets>();

/**
 * Each row's items as one small bit set, for list columns of at most 32
 * distinct items (interests, topics, channels: the usual case). Built once per
 * column, like the name bitsets of the events, so that `contains` is one
 * lookup a row instead of a walk over the row's items. Undefined for columns
 * with more items, which take the item-by-item path.
 */
function itemSets(column: ListColumn, size: number): ItemSets | undefined {
  const n = column.dictionary.length;
  if (n > 32) return undefined;
  let sets = itemSetsCache.get(column);
  if (!sets) {
    sets = n <= 8 ? new Uint8Array(size) : n <= 16 ? new Uint16Array(size) : new Uint32Array(size);
    const { offsets, itemCodes } = column;
    for (let r = 0; r < size; r++) {
      let set = 0;
      for (let k = offsets[r]; k < offsets[r + 1]; k++) set |= 1 << itemCodes[k];
      sets[r] = set;
    }
    itemSetsCache.set(column, sets);
  }
  return sets;
}

/** Rows whose item set holds any (or all) of the wanted codes; a code of -1 is an item no row holds. */
function itemSetBits(sets: ItemSets, codes: number[], mode: ContainsExpr['mode'], size: number): Bitset {
  if (mode === 'all' && codes.some((c) => c < 0)) return emptyBitset(size);
  let wanted = 0;
  for (const c of codes) if (c >= 0) wanted |= 1 << c;
  if (sets instanceof Uint32Array) return uint32SetBits(sets, wanted, mode === 'all', size);
  // Narrow sets are codes of their own: one table entry per possible set.
  const holds = mode === 'all' ? (set: number) => (set & wanted) === wanted : (set: number) => (set & wanted) !== 0;
  const table = new Uint8Array(sets instanceof Uint8Array ? 256 : 65_536);
  for (let set = 0; set < table.length; set++) table[set] = +holds(set);
  return codeTableBits(sets, table, size);
}

function textMatch(column: Column, op: TextMatchExpr['op'], lit: Literal, size: number): Bitset {
  const value = stringValue(lit);
  if (column.type !== 'string' || value === undefined) return emptyBitset(size);
  return op === 'startsWith'
    ? dictionaryBits(column, size, (text) => text.startsWith(value))
    : dictionaryBits(column, size, (text) => text.endsWith(value));
}

/**
 * Rows of a string column whose value passes `test`, which runs once per distinct
 * value, not once per row. Missing rows never match.
 */
function dictionaryBits(
  column: StringColumn,
  size: number,
  test: (text: string, code: number) => boolean,
): Bitset {
  const { dictionary } = column;
  // One spare slot keeps code 0 (a missing row's) in bounds for an empty dictionary.
  const table = new Uint8Array(dictionary.length + 1);
  for (let c = 0; c < dictionary.length; c++) if (test(dictionary[c], c)) table[c] = 1;
  // Missing rows hold code 0, which may be marked: only present rows count.
  return andNotBits(codeTableBits(column.codes, table, size), missingBits(column, size));
}
