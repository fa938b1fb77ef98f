// Loads the events file (CSV or JSON Lines) into an EventTable: rows grouped by
// profile, in profile order, sorted by time within each profile (file order
// breaks ties). Needs the id column, `event` and `timestamp`; every other
// column is a property, typed by the schema's event properties when declared
// there, inferred otherwise. Events whose id is not a loaded profile are
// dropped and counted; rows without an id, a name or a usable timestamp are
// dropped with a warning.
import type { Diagnostic } from '../base/diagnostics';
import type { SchemaDocument } from '../project/schema-types';
import type { CodeArray, Column, EventInstants, EventTable, OrderedCodes, RowMask } from './store';
import { packInstants } from './event-instants';
import type { ValueType } from '../base/value-type';
import { encodeValues } from './number-dictionary';
import { hasBit } from '../base/bitset';
import type { CsvBatch } from './csv';
import type { ProfileIdIndex } from './load-profiles';
import type { JsonCell } from './jsonl';
import type { CellSink } from './cell-sink';
import { readTable } from './read-table';
import { lineOfRow, type RowLineRuns } from './csv-rows';
import { InstantBuilder, StringBuilder } from './column-builders';
import { takeCodes, takeRows } from './column-ops';
import { CappedReport, dataDiagnostic, nameList } from './data-diagnostics';
import { formatCount, plural } from '../text/numbers';

export const EVENT_NAME_COLUMN = 'event';
export const EVENT_TIME_COLUMN = 'timestamp';

export interface EventLoadOptions {
  /** Absolute path. */
  path: string;
  idColumn: string;
  /** Row of each loaded profile id. */
  idIndex: ProfileIdIndex;
  profileCount: number;
  schema?: SchemaDocument;
  onProgress?: (bytesDone: number) => void;
  chunkSize?: number;
}

export interface EventLoadResult {
  table?: EventTable;
  diagnostics: Diagnostic[];
  size: number;
}

const MS_PER_DAY = 86_400_000;
const NO_ID = -2;
const UNKNOWN_ID = -1;

/** Maps each event's id to its profile row as it is read (no id strings are kept). */
class ProfileRefSink implements CellSink {
  refs: Int32Array;
  length = 0;

  constructor(
    private readonly idIndex: ProfileIdIndex,
    capacity: number,
  ) {
    this.refs = new Int32Array(Math.max(16, capacity));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.refs.length) return;
    const bigger = new Int32Array(Math.max(this.length + extra, Math.ceil(this.refs.length * 1.5)));
    bigger.set(this.refs);
    this.refs = bigger;
  }

  pushBatch(b: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe } = b;
    for (let r = from; r < to; r++) {
      const fi = rf[r] + field;
      let ref = NO_ID;
      if (fi < rf[r + 1]) {
        let s = fs[fi];
        let e = fe[fi];
        while (s < e && (bytes[s] === 32 || bytes[s] === 9)) s++;
        while (e > s && (bytes[e - 1] === 32 || bytes[e - 1] === 9)) e--;
        if (e > s) ref = this.idIndex.findBytes(bytes, s, e);
      }
      this.refs[this.length++] = ref;
    }
  }

  pushJson(value: JsonCell): void {
    this.reserve(1);
    const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    this.refs[this.length++] = id === '' ? NO_ID : this.idIndex.findString(id);
  }

  padTo(rows: number): void {
    this.reserve(rows - this.length);
    while (this.length < rows) this.refs[this.length++] = NO_ID;
  }
}

/** Property types declared in the schema, across all events (the first declaration of a name wins). */
function declaredPropertyTypes(schema: SchemaDocument | undefined): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const event of schema?.events.values() ?? []) {
    for (const [name, decl] of event.properties) if (!types.has(name)) types.set(name, decl.type);
  }
  return types;
}

/**
 * The rows as read, in file order. Each field is dropped (set to undefined) as
 * soon as its last reader is done, so the file-order and the sorted copies of
 * the big columns never all live at once: that overlap is the peak of a load.
 */
interface FileOrderRows {
  count: number;
  /** 1-based line each row starts on. */
  lines?: RowLineRuns;
  /** Profile row of each event (NO_ID, UNKNOWN_ID when none). */
  refs?: Int32Array;
  nameCodes?: CodeArray;
  nameMissing?: RowMask;
  eventNames: string[];
  /** Instants, ms since epoch (a view on the builder's array). */
  instants?: Float64Array;
  timeMissing?: RowMask;
  badTimeText: Map<number, string>;
  /** 1 where the event is kept. */
  usable?: Uint8Array;
  properties: (Column | undefined)[];
}

export function loadEvents(opts: EventLoadOptions): EventLoadResult {
  const read = readEventRows(opts);
  if (!read.rows) return { diagnostics: read.diagnostics, size: read.size };
  const { rows, diagnostics } = read;
  const { perProfile, kept, orphans } = selectUsableRows(rows, opts, diagnostics);

  // Counting sort by profile (stable, so file order is kept), then by time within each profile.
  const profileStart = new Int32Array(opts.profileCount + 1);
  for (let p = 0; p < opts.profileCount; p++) profileStart[p + 1] = profileStart[p] + perProfile[p + 1];
  const order = groupByProfile(rows, profileStart, kept);
  sortWithinProfiles(order, profileStart, rows.instants!);

  // One column at a time, each file-order column dropped once its sorted copy exists.
  const nameCodes = sortedNameCodes(rows, order);
  const instants = sortedInstants(rows, order);
  const days = sortedDays(rows, order);
  rows.instants = undefined;
  const properties = new Map<string, Column>();
  for (let i = 0; i < rows.properties.length; i++) {
    const column = rows.properties[i]!;
    rows.properties[i] = undefined;
    properties.set(column.name, takeRows(column, order));
  }
  const table: EventTable = {
    count: kept,
    profileStart,
    nameCodes,
    eventNames: rows.eventNames,
    days,
    instants,
    properties,
    orphanCount: orphans,
  };
  return { table, diagnostics, size: read.size };
}

/** Reads the file; the key columns come back as plain arrays, the builders are left behind. */
function readEventRows(opts: EventLoadOptions): { rows?: FileOrderRows; diagnostics: Diagnostic[]; size: number } {
  const { path, idColumn } = opts;
  const declared = declaredPropertyTypes(opts.schema);
  let refs: ProfileRefSink | undefined;
  let names: StringBuilder | undefined;
  let times: InstantBuilder | undefined;
  const read = readTable({
    file: path,
    label: 'events file',
    needs: `an events file needs a header row with \`${idColumn}\`, \`${EVENT_NAME_COLUMN}\` and \`${EVENT_TIME_COLUMN}\`, and one row per event`,
    declaredType: (name) => declared.get(name),
    keyColumns: [idColumn, EVENT_NAME_COLUMN, EVENT_TIME_COLUMN],
    keySinks: (capacity) =>
      new Map<string, CellSink>([
        [idColumn, (refs = new ProfileRefSink(opts.idIndex, capacity))],
        [EVENT_NAME_COLUMN, (names = new StringBuilder(EVENT_NAME_COLUMN, true, capacity))],
        [EVENT_TIME_COLUMN, (times = new InstantBuilder(EVENT_TIME_COLUMN, true, capacity))],
      ]),
    checkColumns: (columns) => checkEventColumns(path, idColumn, columns),
    copiesRows: true,
    onProgress: opts.onProgress,
    chunkSize: opts.chunkSize,
  });
  if (!read.ok || !refs || !names || !times) return { diagnostics: read.diagnostics, size: read.size };
  const nameColumn = names.finish(true);
  const rows: FileOrderRows = {
    count: read.rowCount,
    lines: read.rowLines,
    refs: refs.refs,
    nameCodes: nameColumn.codes,
    nameMissing: nameColumn.missing,
    eventNames: nameColumn.dictionary,
    instants: times.instants(),
    timeMissing: times.missingRows(),
    badTimeText: new Map(times.bad.samples.map((s) => [s.line, s.text])),
    properties: read.columns,
  };
  return { rows, diagnostics: read.diagnostics, size: read.size };
}

/** Marks the usable rows (and reports the others); counts the kept events per profile (at index p + 1). */
function selectUsableRows(
  rows: FileOrderRows,
  opts: EventLoadOptions,
  diagnostics: Diagnostic[],
): { perProfile: Int32Array; kept: number; orphans: number } {
  const { path, idColumn } = opts;
  const n = rows.count;
  const lines = rows.lines!;
  const ref = rows.refs!;
  const nameMissing = rows.nameMissing!;
  const timeMissing = rows.timeMissing!;
  const badTimeText = rows.badTimeText;
  const usable = new Uint8Array(n);
  const perProfile = new Int32Array(opts.profileCount + 1);
  const noId = new CappedReport();
  const noName = new CappedReport();
  const badTime = new CappedReport();
  let orphans = 0;
  let firstOrphanLine = 0;
  let kept = 0;
  for (let r = 0; r < n; r++) {
    if (ref[r] >= 0 && !hasBit(nameMissing, r) && !hasBit(timeMissing, r)) {
      usable[r] = 1;
      perProfile[ref[r] + 1]++;
      kept++;
      continue;
    }
    // Only skipped rows need their line.
    const line = lineOfRow(lines, r);
    if (ref[r] === NO_ID) noId.add(line, () => `Line ${line} has no \`${idColumn}\`; the event is skipped.`);
    else if (hasBit(nameMissing, r)) noName.add(line, () => `Line ${line} has no \`${EVENT_NAME_COLUMN}\` name; the event is skipped.`);
    else if (hasBit(timeMissing, r)) {
      badTime.add(line, () => {
        const text = badTimeText.get(line);
        return text === undefined
          ? `Line ${line} has no \`${EVENT_TIME_COLUMN}\`; the event is skipped.`
          : `Line ${line}: the timestamp \`${text}\` is not an ISO date or date-time; the event is skipped.`;
      });
    } else if (ref[r] === UNKNOWN_ID) {
      if (orphans === 0) firstOrphanLine = line;
      orphans++;
    }
  }
  rows.usable = usable;
  rows.lines = undefined;
  rows.nameMissing = undefined;
  rows.timeMissing = undefined;
  noId.emit(path, 'warning', 'events-missing-id', (more, first) => `${plural(more, 'more event', 'more events')} (the first on line ${first}) have no \`${idColumn}\` and are skipped.`, diagnostics);
  noName.emit(path, 'warning', 'events-missing-name', (more, first) => `${plural(more, 'more event', 'more events')} (the first on line ${first}) have no \`${EVENT_NAME_COLUMN}\` name and are skipped.`, diagnostics);
  badTime.emit(
    path,
    'warning',
    'events-bad-timestamp',
    (more, first) =>
      `${plural(more, 'more event', 'more events')} (the first on line ${first}) have no \`${EVENT_TIME_COLUMN}\` or one that is not an ISO date or date-time, and are skipped.`,
    diagnostics,
  );
  if (orphans > 0) {
    diagnostics.push(
      dataDiagnostic(
        path,
        firstOrphanLine,
        'info',
        'events-unknown-profile',
        `${plural(orphans, 'event belongs', 'events belong')} to ids that are not in the profile sample (the first on line ${firstOrphanLine}); ${orphans === 1 ? 'it is' : 'they are'} ignored.`,
      ),
    );
  }
  return { perProfile, kept, orphans };
}

/** The usable rows grouped by profile, file order within each; drops the profile refs. */
function groupByProfile(rows: FileOrderRows, profileStart: Int32Array, kept: number): Int32Array {
  const ref = rows.refs!;
  const usable = rows.usable!;
  const cursor = profileStart.slice(0, profileStart.length - 1);
  const order = new Int32Array(kept);
  for (let r = 0; r < rows.count; r++) if (usable[r]) order[cursor[ref[r]]++] = r;
  rows.refs = undefined;
  rows.usable = undefined;
  return order;
}

function sortedNameCodes(rows: FileOrderRows, order: Int32Array): CodeArray {
  const out = takeCodes(rows.nameCodes!, order);
  rows.nameCodes = undefined;
  return out;
}

function sortedInstants(rows: FileOrderRows, order: Int32Array): EventInstants {
  const t = rows.instants!;
  return packInstants(order.length, (i) => t[order[i]]);
}

function sortedDays(rows: FileOrderRows, order: Int32Array): OrderedCodes {
  const t = rows.instants!;
  return encodeValues(order.length, (i) => Math.floor(t[order[i]] / MS_PER_DAY));
}

function sortWithinProfiles(order: Int32Array, profileStart: Int32Array, times: Float64Array): void {
  for (let p = 0; p + 1 < profileStart.length; p++) sortByTime(order, profileStart[p], profileStart[p + 1], times);
}

/** Sorts order[start, end) by time, ties by row (file order). Most profiles' events are already in order. */
function sortByTime(order: Int32Array, start: number, end: number, times: Float64Array): void {
  let sorted = true;
  for (let i = start + 1; i < end; i++) {
    if (times[order[i]] < times[order[i - 1]]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const rows = Array.from(order.subarray(start, end));
  rows.sort((a, b) => times[a] - times[b] || a - b);
  order.set(rows, start);
}

function checkEventColumns(file: string, idColumn: string, columns: string[]): Diagnostic | undefined {
  const absent = [idColumn, EVENT_NAME_COLUMN, EVENT_TIME_COLUMN].filter((c) => !columns.includes(c));
  if (absent.length === 0) return undefined;
  return dataDiagnostic(
    file,
    1,
    'error',
    'events-missing-column',
    `The events file has no ${nameList(absent)} column${absent.length === 1 ? '' : 's'}; it needs \`${idColumn}\`, \`${EVENT_NAME_COLUMN}\` and \`${EVENT_TIME_COLUMN}\`. Its ${columns.length === 1 ? 'column is' : `${formatCount(columns.length)} columns are`} ${nameList(columns)}.`,
  );
}
