// Growable typed columns, one class per value type, filled either a whole CSV
// batch at a time (one column per call, so each inner loop stays monomorphic
// and reads bytes in place) or one JSON value at a time. A cell that does not
// fit the column's type becomes missing and is logged for a warning.
import type { BooleanColumn, CodeArray, Column, DateColumn, ListColumn, NumberColumn, OrderedCodes, RowMask, StringColumn } from './store';
import type { ValueType } from '../base/value-type';
import { hasBit, setBit, wordCount } from '../base/bitset';
import { encodeNumbers, NumberDictionary } from './number-dictionary';
import { CodeBuffer } from './code-array';
import type { CsvBatch } from './csv';
import { decodeField } from './csv';
import { ByteDictionary } from './dictionary';
import type { JsonCell } from './jsonl';
import {
  hasLeadingZeroBytes,
  isBlankBytes,
  parseBooleanBytes,
  parseBooleanText,
  parseInstantBytes,
  parseInstantText,
  parseNumberBytes,
  parseNumberText,
} from './parse-value';

const MS_PER_DAY = 86_400_000;
const SEMICOLON = 59;
const SPACE = 32;
const TAB = 9;

/** How many bad cells of one column are listed one by one before the rest are summed up. */
export const BAD_VALUE_SAMPLES = 5;
const SAMPLE_TEXT_MAX = 40;

/**
 * Rows with one kind of problem: the first few in detail, the rest counted.
 * Plain data (no message text), so a log kept by a worker thread crosses to the
 * main thread as is, and its lines can be shifted there.
 */
export class SampleLog<S extends { line: number }> {
  count = 0;
  readonly samples: S[] = [];
  /** Line of the first row not listed in `samples` (0 when none). */
  firstUnlistedLine = 0;

  /** `sample` is only called for the rows that are listed. */
  note(line: number, sample: () => S): void {
    if (this.count < BAD_VALUE_SAMPLES) this.samples.push(sample());
    else if (this.count === BAD_VALUE_SAMPLES) this.firstUnlistedLine = line;
    this.count++;
  }

  /** Adds the log of rows that come after all of this log's, its lines moved down by `lineShift`. */
  append(later: SampleLogData<S>, lineShift: number): void {
    for (const s of later.samples) {
      if (this.samples.length === BAD_VALUE_SAMPLES) break;
      this.samples.push({ ...s, line: s.line + lineShift });
    }
    // Index, in `later`, of the combined log's first unlisted row.
    const unlisted = BAD_VALUE_SAMPLES - this.count;
    if (unlisted >= 0 && unlisted < later.count) {
      this.firstUnlistedLine = (unlisted < later.samples.length ? later.samples[unlisted].line : later.firstUnlistedLine) + lineShift;
    }
    this.count += later.count;
  }
}

/** What a SampleLog holds, as it crosses threads. */
export type SampleLogData<S extends { line: number }> = Pick<SampleLog<S>, 'count' | 'samples' | 'firstUnlistedLine'>;

/** The cells of one column that did not fit its type. */
export class BadValueLog extends SampleLog<{ line: number; text: string }> {
  add(line: number, text: string): void {
    this.note(line, () => ({ line, text: text.length > SAMPLE_TEXT_MAX ? text.slice(0, SAMPLE_TEXT_MAX - 1) + '…' : text }));
  }
}

/** What a bad cell is not, for the warning: "`abc` is not a number". */
export const EXPECTED_VALUE: Record<ValueType, string> = {
  number: 'is not a number',
  boolean: 'is not `true` or `false`',
  date: 'is not an ISO date (YYYY-MM-DD) or date-time',
  string: 'is a list, not a single text value',
  list: 'is not a list',
};

function grown<T extends CodeArray | Float64Array | Uint32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
}

/**
 * The first `length` items in an array that owns its whole buffer: a view on a
 * larger buffer would keep the spare room alive and could not be transferred to
 * another thread without copying all of it. A view when `asView` (the caller
 * copies out the rows it keeps).
 */
function trimmed<T extends CodeArray | Float64Array | Uint32Array>(a: T, length: number, asView = false): T {
  if (a.length === length) return a;
  return (asView ? a.subarray(0, length) : a.slice(0, length)) as T;
}

const NO_BYTES = new Uint8Array(0);
const NO_WORDS = new Uint32Array(0);
const NO_INT32 = new Int32Array(0);

function cellText(value: JsonCell): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

export abstract class ColumnBuilder {
  abstract readonly type: ValueType;
  /** Rows so far. */
  length = 0;
  /** Cells that held something (fitting or not): the base for "most values do not fit". */
  nonEmpty = 0;
  readonly bad = new BadValueLog();
  protected capacity: number;
  /** Bit per row (see RowMask); set with setBit. */
  protected missing: RowMask;

  constructor(
    readonly name: string,
    /** True when the type comes from the schema, not from inference. */
    readonly declared: boolean,
    initialCapacity: number,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.missing = new Uint32Array(wordCount(this.capacity));
  }

  /** Makes room for `extra` more rows. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.capacity) return;
    const size = Math.max(need, Math.ceil(this.capacity * 1.5));
    this.missing = grown(this.missing, wordCount(size));
    this.resize(size);
    this.capacity = size;
  }

  /** Appends field `field` of records [from, to) of a CSV batch (missing where a record is short). */
  abstract pushBatch(batch: CsvBatch, field: number, from: number, to: number): void;

  /** Appends one JSON value (already flattened; null never reaches here). */
  abstract pushJson(value: JsonCell, line: number): void;

  /** Appends missing rows up to `rows`. */
  padTo(rows: number): void {
    if (rows <= this.length) return;
    this.reserve(rows - this.length);
    while (this.length < rows) this.pushMissingRow();
  }

  /**
   * The finished column. The builder then lets go of its arrays (it is spent),
   * so the spare room of each column can be reclaimed while the next finishes.
   * With `asViews`, arrays may be views on the builder's (longer) arrays: for a
   * caller that copies out the rows it keeps anyway.
   */
  abstract finish(asViews?: boolean): Column;

  /** The finished mask: exactly the words of `length` rows. */
  protected finishedMissing(asViews: boolean): RowMask {
    const mask = trimmed(this.missing, wordCount(this.length), asViews);
    this.missing = NO_WORDS;
    this.capacity = 0;
    return mask;
  }

  protected abstract resize(size: number): void;

  /** Bytes the builder holds so far, for the load's memory budget. */
  approxBytes(): number {
    return this.missing.byteLength + this.valueBytes();
  }

  /** Bytes of the values (codes, dictionaries, arrays) beyond the missing mask. */
  protected abstract valueBytes(): number;

  protected pushMissingRow(): void {
    setBit(this.missing, this.length++);
  }

  protected noteBadBytes(line: number, bytes: Buffer, start: number, end: number): void {
    this.bad.add(line, this.bad.count < BAD_VALUE_SAMPLES ? decodeField(bytes, start, end) : '');
  }

  protected noteBadJson(line: number, value: JsonCell): void {
    this.bad.add(line, this.bad.count < BAD_VALUE_SAMPLES ? cellText(value) : '');
  }
}

/**
 * Number, boolean and date columns read a JSON cell the same way: a blank
 * string is missing; a value the column cannot take is reported and missing.
 */
abstract class ScalarBuilder extends ColumnBuilder {
  /** Appends the value as the next row; false when it does not fit the column's type. */
  protected abstract storeJson(value: JsonCell): boolean;

  pushJson(value: JsonCell, line: number): void {
    this.reserve(1);
    if (typeof value === 'string' && value.trim() === '') {
      this.pushMissingRow();
      return;
    }
    this.nonEmpty++;
    if (this.storeJson(value)) return;
    this.noteBadJson(line, value);
    this.pushMissingRow();
  }
}

/**
 * Number and date columns: each cell becomes a number (a date its UTC day),
 * interned as it loads, with codes that widen like text codes (see OrderedCodes).
 */
abstract class OrderedBuilder extends ScalarBuilder {
  private readonly dictionary = new NumberDictionary();
  private readonly buffer = new CodeBuffer(this.capacity);

  /** The value of the cell in bytes [start, end), NaN when it does not fit the column. */
  protected abstract valueOfBytes(bytes: Uint8Array, start: number, end: number): number;

  /** The value of a JSON cell, NaN when it does not fit the column. */
  protected abstract valueOfJson(value: JsonCell): number;

  protected resize(size: number): void {
    this.buffer.resize(size);
  }

  protected valueBytes(): number {
    return this.buffer.codes.byteLength + this.dictionary.byteSize;
  }

  protected override pushMissingRow(): void {
    this.buffer.codes[this.length] = 0;
    super.pushMissingRow();
  }

  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe, recordLine } = batch;
    let codes = this.buffer.codes;
    let limit = this.buffer.limit;
    const dictionary = this.dictionary;
    const missing = this.missing;
    let n = this.length;
    let present = 0;
    for (let r = from; r < to; r++, n++) {
      const fi = rf[r] + field;
      if (fi >= rf[r + 1] || fs[fi] === fe[fi]) {
        setBit(missing, n);
        codes[n] = 0;
        continue;
      }
      const s = fs[fi];
      const e = fe[fi];
      const v = this.valueOfBytes(bytes, s, e);
      if (v === v) {
        const code = dictionary.codeOf(v);
        if (code >= limit) {
          codes = this.buffer.widenFor(code);
          limit = this.buffer.limit;
        }
        codes[n] = code;
        present++;
        continue;
      }
      setBit(missing, n);
      codes[n] = 0;
      if (isBlankBytes(bytes, s, e)) continue;
      present++;
      this.noteBadBytes(recordLine[r], bytes, s, e);
    }
    this.length = n;
    this.nonEmpty += present;
  }

  protected storeJson(value: JsonCell): boolean {
    const v = this.valueOfJson(value);
    if (v !== v) return false;
    this.buffer.put(this.length++, this.dictionary.codeOf(v));
    return true;
  }

  /** The codes and sorted dictionary, and the missing mask; the builder is spent. */
  protected finishOrdered(asViews: boolean): OrderedCodes & { missing: RowMask } {
    // Renumbering writes the codes, so it works on the builder's array before any copy.
    const dictionary = this.dictionary.sortedValues(this.buffer.codes, this.length);
    const codes = trimmed(this.buffer.codes, this.length, asViews);
    this.buffer.codes = NO_BYTES;
    return { codes, dictionary, missing: this.finishedMissing(asViews) };
  }
}

export class NumberBuilder extends OrderedBuilder {
  readonly type = 'number' as const;

  // An inferred column takes what inference would call a number, so a later value decides the
  // type the way an early one would (infer.ts): `0150` (a code) and, in JSON, a number written
  // as a string contradict it. A declared column converts them.
  protected valueOfBytes(bytes: Uint8Array, start: number, end: number): number {
    if (!this.declared && hasLeadingZeroBytes(bytes, start, end)) return NaN;
    return parseNumberBytes(bytes, start, end);
  }

  protected valueOfJson(value: JsonCell): number {
    if (typeof value === 'number') return value;
    return this.declared && typeof value === 'string' ? parseNumberText(value) : NaN;
  }

  finish(asViews = false): NumberColumn {
    return { name: this.name, type: 'number', ...this.finishOrdered(asViews) };
  }
}

/** Dates and date-times, kept as their UTC calendar day (see DateColumn). */
export class DateBuilder extends OrderedBuilder {
  readonly type = 'date' as const;

  protected valueOfBytes(bytes: Uint8Array, start: number, end: number): number {
    return Math.floor(parseInstantBytes(bytes, start, end) / MS_PER_DAY);
  }

  protected valueOfJson(value: JsonCell): number {
    return typeof value === 'string' ? Math.floor(parseInstantText(value) / MS_PER_DAY) : NaN;
  }

  finish(asViews = false): DateColumn {
    return { name: this.name, type: 'date', ...this.finishOrdered(asViews) };
  }
}

export class BooleanBuilder extends ScalarBuilder {
  readonly type = 'boolean' as const;
  private values = new Uint8Array(this.capacity);

  protected resize(size: number): void {
    this.values = grown(this.values, size);
  }

  protected valueBytes(): number {
    return this.values.byteLength;
  }

  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe, recordLine } = batch;
    const values = this.values;
    const missing = this.missing;
    let n = this.length;
    let present = 0;
    for (let r = from; r < to; r++, n++) {
      const fi = rf[r] + field;
      if (fi >= rf[r + 1] || fs[fi] === fe[fi]) {
        setBit(missing, n);
        continue;
      }
      const s = fs[fi];
      const e = fe[fi];
      const v = parseBooleanBytes(bytes, s, e);
      if (v >= 0) {
        values[n] = v;
        present++;
        continue;
      }
      setBit(missing, n);
      if (isBlankBytes(bytes, s, e)) continue;
      present++;
      this.noteBadBytes(recordLine[r], bytes, s, e);
    }
    this.length = n;
    this.nonEmpty += present;
  }

  protected storeJson(value: JsonCell): boolean {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : typeof value === 'string' ? parseBooleanText(value) : -1;
    if (v < 0) return false;
    this.values[this.length++] = v;
    return true;
  }

  finish(asViews = false): BooleanColumn {
    const column: BooleanColumn = {
      name: this.name,
      type: 'boolean',
      values: trimmed(this.values, this.length, asViews),
      missing: this.finishedMissing(asViews),
    };
    this.values = NO_BYTES;
    return column;
  }
}

/**
 * An events file's timestamps as full instants (ms since epoch): the events
 * loader orders each profile's events by them, then keeps only their days.
 */
export class InstantBuilder extends ScalarBuilder {
  readonly type = 'date' as const;
  private times = new Float64Array(this.capacity);

  protected resize(size: number): void {
    this.times = grown(this.times, size);
  }

  protected valueBytes(): number {
    return this.times.byteLength;
  }

  /** The instants of the rows so far, as a view on the builder's own array (the loader reads them, then drops the builder). */
  instants(): Float64Array {
    return this.times.subarray(0, this.length);
  }

  /** The missing mask of the rows so far, as a view (no copy), for a loader that reads it once. */
  missingRows(): RowMask {
    return this.missing.subarray(0, wordCount(this.length));
  }

  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe, recordLine } = batch;
    const times = this.times;
    const missing = this.missing;
    let n = this.length;
    let present = 0;
    for (let r = from; r < to; r++, n++) {
      const fi = rf[r] + field;
      if (fi >= rf[r + 1] || fs[fi] === fe[fi]) {
        setBit(missing, n);
        continue;
      }
      const s = fs[fi];
      const e = fe[fi];
      const t = parseInstantBytes(bytes, s, e);
      if (t === t) {
        times[n] = t;
        present++;
        continue;
      }
      setBit(missing, n);
      if (isBlankBytes(bytes, s, e)) continue;
      present++;
      this.noteBadBytes(recordLine[r], bytes, s, e);
    }
    this.length = n;
    this.nonEmpty += present;
  }

  protected storeJson(value: JsonCell): boolean {
    const t = typeof value === 'string' ? parseInstantText(value) : NaN;
    if (t !== t) return false;
    this.times[this.length++] = t;
    return true;
  }

  /** The days of the instants, as a date column. */
  finish(): DateColumn {
    const missing = this.finishedMissing(false);
    const days = encodeNumbers(this.instants().map((t) => Math.floor(t / MS_PER_DAY)), (row) => hasBit(missing, row));
    this.times = new Float64Array(0);
    return { name: this.name, type: 'date', ...days, missing };
  }
}

export class StringBuilder extends ColumnBuilder {
  readonly type = 'string' as const;
  readonly dictionary = new ByteDictionary();
  private readonly buffer = new CodeBuffer(this.capacity);

  protected resize(size: number): void {
    this.buffer.resize(size);
  }

  protected valueBytes(): number {
    return this.buffer.codes.byteLength + this.dictionary.byteSize;
  }

  protected override pushMissingRow(): void {
    this.buffer.codes[this.length] = 0;
    super.pushMissingRow();
  }

  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe } = batch;
    let codes = this.buffer.codes;
    let limit = this.buffer.limit;
    const missing = this.missing;
    const dictionary = this.dictionary;
    let n = this.length;
    let present = 0;
    for (let r = from; r < to; r++, n++) {
      const fi = rf[r] + field;
      if (fi >= rf[r + 1] || fs[fi] === fe[fi]) {
        setBit(missing, n);
        codes[n] = 0;
        continue;
      }
      const code = dictionary.codeOfBytes(bytes, fs[fi], fe[fi]);
      if (code >= limit) {
        codes = this.buffer.widenFor(code);
        limit = this.buffer.limit;
      }
      codes[n] = code;
      present++;
    }
    this.length = n;
    this.nonEmpty += present;
  }

  pushJson(value: JsonCell, line: number): void {
    this.reserve(1);
    if (value === '') {
      this.pushMissingRow();
      return;
    }
    this.nonEmpty++;
    if (Array.isArray(value)) {
      this.noteBadJson(line, value);
      this.pushMissingRow();
      return;
    }
    this.buffer.put(this.length++, this.dictionary.codeOfString(typeof value === 'string' ? value : String(value)));
  }

  finish(asViews = false): StringColumn {
    const column: StringColumn = {
      name: this.name,
      type: 'string',
      codes: trimmed(this.buffer.codes, this.length, asViews),
      dictionary: this.dictionary.values,
      missing: this.finishedMissing(asViews),
    };
    this.buffer.codes = NO_BYTES;
    return column;
  }
}

/** `;`-separated lists in CSV (items trimmed, empty items dropped); arrays in JSON. */
export class ListBuilder extends ColumnBuilder {
  readonly type = 'list' as const;
  readonly dictionary = new ByteDictionary();
  private offsets = new Int32Array(this.capacity + 1);
  private readonly items = new CodeBuffer(Math.max(16, this.capacity));
  private itemCount = 0;

  protected resize(size: number): void {
    this.offsets = grown(this.offsets, size + 1);
  }

  protected valueBytes(): number {
    return this.offsets.byteLength + this.items.codes.byteLength + this.dictionary.byteSize;
  }

  private pushItem(code: number): void {
    this.items.put(this.itemCount++, code);
  }

  private reserveItems(extra: number): void {
    const room = this.items.codes.length;
    if (this.itemCount + extra > room) this.items.resize(Math.max(this.itemCount + extra, Math.ceil(room * 1.5)));
  }

  protected override pushMissingRow(): void {
    this.offsets[this.length + 1] = this.itemCount;
    super.pushMissingRow();
  }

  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe } = batch;
    const missing = this.missing;
    const offsets = this.offsets;
    const dictionary = this.dictionary;
    let n = this.length;
    let present = 0;
    for (let r = from; r < to; r++, n++) {
      const fi = rf[r] + field;
      const before = this.itemCount;
      if (fi < rf[r + 1]) {
        const s = fs[fi];
        const e = fe[fi];
        // At most one item per byte or so; reserving the field length keeps the loop check-free.
        this.reserveItems(e - s + 1);
        let items = this.items.codes;
        let limit = this.items.limit;
        let k = this.itemCount;
        let a = s;
        while (a <= e) {
          let z = a;
          while (z < e && bytes[z] !== SEMICOLON) z++;
          let is = a;
          let ie = z;
          while (is < ie && (bytes[is] === SPACE || bytes[is] === TAB)) is++;
          while (ie > is && (bytes[ie - 1] === SPACE || bytes[ie - 1] === TAB)) ie--;
          if (ie > is) {
            const code = dictionary.codeOfBytes(bytes, is, ie);
            if (code >= limit) {
              items = this.items.widenFor(code);
              limit = this.items.limit;
            }
            items[k++] = code;
          }
          a = z + 1;
        }
        this.itemCount = k;
      }
      offsets[n + 1] = this.itemCount;
      if (this.itemCount === before) setBit(missing, n);
      else present++;
    }
    this.length = n;
    this.nonEmpty += present;
  }

  pushJson(value: JsonCell, _line: number): void {
    this.reserve(1);
    const before = this.itemCount;
    if (Array.isArray(value)) {
      this.reserveItems(value.length);
      for (const item of value) if (item !== '') this.pushItem(this.dictionary.codeOfString(item));
      // A JSON `[]` counts as missing, like an empty CSV cell: SQL engines cannot all tell an
      // empty array from NULL (BigQuery stores no NULL arrays), and every engine must agree.
      if (this.itemCount === before) {
        this.pushMissingRow();
        return;
      }
      this.offsets[this.length + 1] = this.itemCount;
      this.length++;
      this.nonEmpty++;
      return;
    }
    const parts = typeof value === 'string' ? value.split(';') : [String(value)];
    this.reserveItems(parts.length);
    for (const part of parts) {
      const item = part.trim();
      if (item !== '') this.pushItem(this.dictionary.codeOfString(item));
    }
    if (this.itemCount === before) {
      this.pushMissingRow();
      return;
    }
    this.offsets[this.length + 1] = this.itemCount;
    this.length++;
    this.nonEmpty++;
  }

  finish(asViews = false): ListColumn {
    const column: ListColumn = {
      name: this.name,
      type: 'list',
      offsets: trimmed(this.offsets, this.length + 1, asViews),
      itemCodes: trimmed(this.items.codes, this.itemCount, asViews),
      dictionary: this.dictionary.values,
      missing: this.finishedMissing(asViews),
    };
    this.offsets = NO_INT32;
    this.items.codes = NO_BYTES;
    return column;
  }
}

export function createColumnBuilder(type: ValueType, name: string, declared: boolean, capacity: number): ColumnBuilder {
  switch (type) {
    case 'number':
      return new NumberBuilder(name, declared, capacity);
    case 'boolean':
      return new BooleanBuilder(name, declared, capacity);
    case 'date':
      return new DateBuilder(name, declared, capacity);
    case 'list':
      return new ListBuilder(name, declared, capacity);
    case 'string':
      return new StringBuilder(name, declared, capacity);
  }
}
