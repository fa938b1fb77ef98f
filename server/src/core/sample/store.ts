// The columnar sample store: profiles and events held as typed columns, so the
// evaluator can scan a million profiles in a few milliseconds and the catalog
// can describe each attribute. Built by the loaders in this folder; read by the
// catalog (types, values, statistics) and the evaluator.
import { emptyBitset, hasBit, setBit } from '../base/bitset';

/**
 * One typed column. Row i is missing when its bit is set in `missing` (see
 * isMissing); the value slot of a missing row holds some value and must not be read.
 */
export type Column = NumberColumn | StringColumn | BooleanColumn | DateColumn | ListColumn;

/**
 * One bit per row, set where the row is missing: bit i & 31 of word i >>> 5,
 * the layout of the evaluator's bitsets, so the mask is used as one directly.
 * Bits past the last row are 0. A bit instead of a byte per row: a million-row
 * sample with thirty columns would otherwise spend 30 MB on masks.
 */
export type RowMask = Uint32Array;

interface ColumnBase {
  name: string;
  /** Rows without a value (empty cell, absent key, JSON null, or a value that did not parse). */
  missing: RowMask;
}

/**
 * Values of an ordered type (numbers, day numbers) dictionary-encoded like text:
 * `codes[i]` indexes `dictionary`, the distinct values in ascending order. Real
 * columns repeat a few values (ages, counts, prices, scores, days of the last
 * year), so a row costs one or two bytes instead of four or eight; and a range of
 * values is a range of codes, found by binary search.
 */
export interface OrderedCodes {
  codes: CodeArray;
  dictionary: Float64Array;
}

export interface NumberColumn extends ColumnBase, OrderedCodes {
  type: 'number';
}

/**
 * Dictionary codes in the narrowest array that holds them: one byte a row for up
 * to 255 distinct values, two for up to 65,535, four beyond (see code-array.ts).
 */
export type CodeArray = Uint8Array | Uint16Array | Int32Array;

/**
 * Dictionary-encoded text: `codes[i]` indexes `dictionary`. A missing row holds
 * code 0, which must not be read as a value (check `missing` first).
 */
export interface StringColumn extends ColumnBase {
  type: 'string';
  codes: CodeArray;
  dictionary: string[];
}

export interface BooleanColumn extends ColumnBase {
  type: 'boolean';
  /** 1 = true, 0 = false. */
  values: Uint8Array;
}

/**
 * Dates as whole days since 1970-01-01 (UTC), the values of its dictionary. A
 * date-time is stored as the UTC calendar day it falls on: every condition on a
 * profile attribute compares calendar days (docs/language.md#asof-and-relative-windows), so the time of day is
 * not kept.
 */
export interface DateColumn extends ColumnBase, OrderedCodes {
  type: 'date';
}

/**
 * Lists of text: the items of row i are `itemCodes[offsets[i] .. offsets[i+1])`,
 * each an index into `dictionary`. A missing row has an empty range.
 * An empty cell is missing; there is no distinct "empty list" value in CSV.
 */
export interface ListColumn extends ColumnBase {
  type: 'list';
  offsets: Int32Array;
  itemCodes: CodeArray;
  dictionary: string[];
}

/**
 * Texts as UTF-8 bytes: row i is `bytes[starts[i] .. starts[i+1])`, and `starts`
 * has one entry more than there are rows. Read with packed-texts.ts. Plain typed
 * arrays rather than a class, because structured cloning drops prototypes.
 */
export interface PackedTexts {
  bytes: Uint8Array;
  starts: Int32Array;
}

export interface ProfileTable {
  /** Number of profiles (rows). */
  count: number;
  idColumn: string;
  /**
   * Profile ids in file order. Packed rather than a string each: a million ids
   * would otherwise hold ~32 MB of strings, copied when the worker posts the store.
   */
  ids: PackedTexts;
  /** Attribute columns by name (every column but the id column). Nested JSON fields are flattened to `geo.city`. */
  columns: Map<string, Column>;
}

/**
 * Events grouped by profile and sorted by time within each profile:
 * the events of profile p are rows `profileStart[p] .. profileStart[p+1])`.
 * Events whose id matches no profile are dropped (and counted in `orphanCount`).
 */
export interface EventTable {
  count: number;
  /** Length profiles.count + 1. */
  profileStart: Int32Array;
  /** Event name per row, as an index into `eventNames`. */
  nameCodes: CodeArray;
  eventNames: string[];
  /** UTC day of the event's timestamp (days since 1970-01-01). */
  days: OrderedCodes;
  /** Each event's instant, to the millisecond, for sequences (event-instants.ts reads it). */
  instants: EventInstants;
  /** Property columns by name (every column but id, `event` and `timestamp`). */
  properties: Map<string, Column>;
  orphanCount: number;
}

/**
 * Event instants, compactly: whole seconds from `baseSecond` (4 bytes an event)
 * and the milliseconds only when some event has them; plain milliseconds when
 * the data spans more than 2^32 seconds. See event-instants.ts.
 */
export type EventInstants =
  | { kind: 'seconds'; baseSecond: number; seconds: Uint32Array; millis?: Uint16Array }
  | { kind: 'milliseconds'; ms: Float64Array };

export interface SampleStore {
  profiles: ProfileTable;
  events?: EventTable;
  /** Bumps whenever the data is reloaded; caches key on it. */
  version: number;
}

/** True when row `row` of the column has no value. */
export function isMissing(column: Column, row: number): boolean {
  return hasBit(column.missing, row);
}

/** A RowMask with the rows whose flag is truthy set (for columns built by hand). */
export function rowMaskOf(flags: ArrayLike<unknown>): RowMask {
  const mask = emptyBitset(flags.length);
  for (let i = 0; i < flags.length; i++) if (flags[i]) setBit(mask, i);
  return mask;
}

/** Rows in the column. */
export function columnLength(column: Column): number {
  switch (column.type) {
    case 'number':
    case 'date':
    case 'string':
      return column.codes.length;
    case 'boolean':
      return column.values.length;
    case 'list':
      return column.offsets.length - 1;
  }
}

/** The value of row `row`: a number column's number, a date column's day (check isMissing first). */
export function valueAt(ordered: OrderedCodes, row: number): number {
  return ordered.dictionary[ordered.codes[row]];
}
