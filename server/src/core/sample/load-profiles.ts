// Loads the profile sample (CSV or JSON Lines) into a ProfileTable: one row per
// profile, the id column kept as text, every other column typed (schema first,
// inference otherwise). Rows without an id are skipped with a warning; a
// repeated id is an error and no table is produced, because every count the
// evaluator gives would be off.
import type { Diagnostic } from '../base/diagnostics';
import { timed } from '../base/timings';
import type { SchemaDocument } from '../project/schema-types';
import type { Column, PackedTexts, ProfileTable } from './store';
import type { CsvBatch } from './csv';
import { ByteDictionary } from './dictionary';
import type { JsonCell } from './jsonl';
import type { CellSink } from './cell-sink';
import type { CsvPartWorkerOptions } from './csv-part';
import { readTable } from './read-table';
import { takeRows } from './column-ops';
import { CappedReport, dataDiagnostic, nameList } from './data-diagnostics';
import { formatCount, plural } from '../text/numbers';
import { lineOfRow } from './csv-rows';
import { safeToken } from '../text/safe-text';

export interface ProfileLoadOptions {
  /** Absolute path. */
  path: string;
  idColumn: string;
  schema?: SchemaDocument;
  /** Load at most this many profiles. */
  rowLimit?: number;
  /** Bytes of the file processed so far. */
  onProgress?: (bytesDone: number) => void;
  chunkSize?: number;
  /** Read a large CSV file with a second thread running this script. */
  csvPartWorker?: CsvPartWorkerOptions;
  /** See TableReadRequest.memoryLimitBytes. */
  memoryLimitBytes?: number;
}

export interface ProfileLoadResult {
  table?: ProfileTable;
  /** Row of each profile id, for matching events to profiles. */
  idIndex?: ProfileIdIndex;
  diagnostics: Diagnostic[];
  /** File size in bytes (0 when unreadable). */
  size: number;
  /** Threads that read the rows (2 for a large CSV file with a csvPartWorker). */
  threads: 1 | 2;
}

/**
 * Interns the id column (trimmed) as it is read: each row gets the code of its
 * id, -1 for no id. Codes are given in order of first appearance, so a row
 * holds a new id exactly when its code equals the number of distinct ids before
 * it, and with unique ids the code of an id is its profile row.
 */
export class IdSink implements CellSink {
  readonly index = new ByteDictionary();
  codes: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.codes.length) return;
    const bigger = new Int32Array(Math.max(this.length + extra, Math.ceil(this.codes.length * 1.5)));
    bigger.set(this.codes);
    this.codes = bigger;
  }

  /** The code of the id in bytes [s, e) without surrounding blanks; -1 when blank. */
  private codeOfTrimmed(bytes: Uint8Array, s: number, e: number): number {
    while (s < e && (bytes[s] === 32 || bytes[s] === 9)) s++;
    while (e > s && (bytes[e - 1] === 32 || bytes[e - 1] === 9)) e--;
    return e > s ? this.index.codeOfBytes(bytes, s, e) : -1;
  }

  pushBatch(b: CsvBatch, field: number, from: number, to: number): void {
    this.reserve(to - from);
    const { bytes, recordFields: rf, fieldStart: fs, fieldEnd: fe } = b;
    for (let r = from; r < to; r++) {
      const fi = rf[r] + field;
      let code = -1;
      if (fi < rf[r + 1]) code = this.codeOfTrimmed(bytes, fs[fi], fe[fi]);
      this.codes[this.length++] = code;
    }
  }

  pushJson(value: JsonCell): void {
    this.reserve(1);
    const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    this.codes[this.length++] = id === '' ? -1 : this.index.codeOfString(id);
  }

  /** Appends the id cells of rows read elsewhere (the second part of the file, read by a worker thread). */
  pushPackedTexts(cells: PackedTexts): void {
    const { bytes, starts } = cells;
    const rows = starts.length - 1;
    this.reserve(rows);
    for (let r = 0; r < rows; r++) this.codes[this.length++] = this.codeOfTrimmed(bytes, starts[r], starts[r + 1]);
  }

  padTo(rows: number): void {
    this.reserve(rows - this.length);
    while (this.length < rows) this.codes[this.length++] = -1;
  }

  approxBytes(): number {
    return this.codes.byteLength + this.index.byteSize;
  }
}

/** Profile ids, looked up from event rows: the code of an id is its profile row. */
export type ProfileIdIndex = Pick<ByteDictionary, 'findBytes' | 'findString'>;

export function loadProfiles(opts: ProfileLoadOptions): ProfileLoadResult {
  const { path, idColumn } = opts;
  let idSink: IdSink | undefined;
  const read = readTable({
    file: path,
    label: 'profile sample',
    needs: `a profile sample needs a header row naming its columns (one of them \`${idColumn}\`) and one row per profile`,
    declaredType: (name) => opts.schema?.attributes.get(name)?.type,
    keyColumns: [idColumn],
    keySinks: (capacity) => new Map([[idColumn, (idSink = new IdSink(capacity))]]),
    checkColumns: (names) => checkIdColumn(path, idColumn, names),
    rowLimit: opts.rowLimit,
    onProgress: opts.onProgress,
    chunkSize: opts.chunkSize,
    csvPartWorker: opts.csvPartWorker,
    memoryLimitBytes: opts.memoryLimitBytes,
  });
  const diagnostics = read.diagnostics;
  if (!read.ok || !idSink) return { diagnostics, size: read.size, threads: read.threads };

  const codes = idSink.codes;
  const lines = read.rowLines;
  const kept: number[] = [];
  const noId = new CappedReport();
  let duplicates = 0;
  let firstDuplicate: { code: number; first: number; again: number } | undefined;
  timed('check ids', () => {
    for (let r = 0; r < read.rowCount; r++) {
      const code = codes[r];
      if (code < 0) {
        noId.add(lineOfRow(lines, r), () => `Line ${lineOfRow(lines, r)} has no \`${idColumn}\`; the row is skipped.`);
      } else if (code === kept.length) {
        kept.push(r);
      } else {
        duplicates++;
        firstDuplicate ??= { code, first: lineOfRow(lines, kept[code]), again: lineOfRow(lines, r) };
      }
    }
  });
  noId.emit(
    path,
    'warning',
    'sample-missing-id',
    (more, first) => `${plural(more, 'more row', 'more rows')} (the first on line ${first}) have no \`${idColumn}\` and are skipped.`,
    diagnostics,
  );
  if (firstDuplicate) {
    const { code, first, again } = firstDuplicate;
    const id = idSink.index.values[code];
    const others = duplicates - 1;
    diagnostics.push(
      dataDiagnostic(
        path,
        again,
        'error',
        'sample-duplicate-id',
        `Profile id \`${safeToken(id)}\` appears on line ${first} and again on line ${again}; ids in \`${idColumn}\` must be unique.` +
          (others > 0 ? ` ${plural(others, 'more row repeats', 'more rows repeat')} an earlier id.` : ''),
      ),
    );
    return { diagnostics, size: read.size, threads: read.threads };
  }

  let columns: Column[] = read.columns;
  if (kept.length < read.rowCount) {
    const rows = Int32Array.from(kept);
    columns = columns.map((c) => takeRows(c, rows));
  }
  const table: ProfileTable = {
    count: idSink.index.size,
    idColumn,
    ids: timed('pack ids', () => idSink!.index.packed()),
    columns: new Map(columns.map((c) => [c.name, c])),
  };
  return { table, idIndex: idSink.index, diagnostics, size: read.size, threads: read.threads };
}

function checkIdColumn(file: string, idColumn: string, names: string[]): Diagnostic | undefined {
  if (names.includes(idColumn)) return undefined;
  const sameButCase = names.find((n) => n.toLowerCase() === idColumn.toLowerCase());
  const hint = sameButCase
    ? ` Did you mean \`${safeToken(sameButCase)}\`? Names are case-sensitive.`
    : ` Set \`idColumn\` in segments.config.json to the column that holds the profile id.`;
  // One column is the whole first line: a file that is not a table (a credentials file named as the sample) is not quoted.
  if (names.length === 1 && !sameButCase) {
    return dataDiagnostic(file, 1, 'error', 'sample-missing-id-column',
      `The profile sample has no id column \`${idColumn}\`: its first line holds a single column, so the file does not look like a table of profiles (a header row naming columns separated by commas, one of them \`${idColumn}\`).`);
  }
  return dataDiagnostic(
    file,
    1,
    'error',
    'sample-missing-id-column',
    `The profile sample has no id column \`${idColumn}\`. Its ${names.length === 1 ? 'column is' : `${formatCount(names.length)} columns are`} ${nameList(names)}.${hint}`,
  );
}
