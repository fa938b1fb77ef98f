// The row loop of a CSV table's load (pass 2 of read-csv-table.ts, see table-read.ts), over the whole
// file or over one part of it: the same code runs on the calling thread and, for
// the second part of a large file, in a worker thread (csv-part-worker.ts).
import { fileByteSource } from './byte-source';
import type { CsvBatch, CsvReadResult } from './csv';
import { readCsv } from './csv';
import { SampleLog } from './column-builders';
import type { CellSink } from './cell-sink';

/** Bytes [start, end) of a CSV file (the whole file by default), whose first byte is on line `firstLine`. */
export interface CsvPart {
  file: string;
  start?: number;
  end?: number;
  firstLine?: number;
  /** True when the part begins with the header record, which is skipped. */
  header: boolean;
}

export interface CsvRowOptions {
  /** Bytes per read. */
  chunkSize?: number;
  /** Bytes of the part consumed so far. */
  onBytes?: (bytesDone: number) => void;
  /** Asked after each chunk: true stops the read there (the load's memory budget is spent). */
  stopWhen?: () => boolean;
}

export interface CsvRowsResult extends CsvReadResult {
  /** False when a part that starts with the header record ended before it was read. */
  headerSeen: boolean;
}

/** Records whose field count differs from the header's. */
export type RaggedLog = SampleLog<{ line: number; found: number }>;

/**
 * The line each row starts on, kept as runs: in most files row r + 1 starts on
 * the line after row r, so only the rows where that breaks (the first row, rows
 * after blank lines or after a quoted field spanning lines) are stored. Six
 * million events cost a few bytes instead of 24 MB at the peak of their load.
 * Run k starts at row `rows[k]` on line `lines[k]`.
 */
export interface RowLineRuns {
  count: number;
  rows: Int32Array;
  lines: Int32Array;
}

/** The line row `row` starts on. */
export function lineOfRow(runs: RowLineRuns, row: number): number {
  let lo = 0;
  let hi = runs.rows.length - 1;
  // The last run starting at or before the row.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (runs.rows[mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return runs.lines[lo] + (row - runs.rows[lo]);
}

export class RowLines {
  length = 0;
  private runRows: Int32Array<ArrayBuffer> = new Int32Array(16);
  private runLines: Int32Array<ArrayBuffer> = new Int32Array(16);
  private runs = 0;
  private lastLine = -2;

  push(line: number): void {
    if (line !== this.lastLine + 1) this.addRun(this.length, line);
    this.lastLine = line;
    this.length++;
  }

  /** Appends the rows of `other`, their lines moved down by `shift`. */
  append(other: RowLineRuns, shift: number): void {
    for (let k = 0; k < other.rows.length; k++) {
      const rows = (k + 1 < other.rows.length ? other.rows[k + 1] : other.count) - other.rows[k];
      const line = other.lines[k] + shift;
      if (line !== this.lastLine + 1) this.addRun(this.length, line);
      this.length += rows;
      this.lastLine = line + rows - 1;
    }
  }

  private addRun(row: number, line: number): void {
    if (this.runs === this.runRows.length) {
      this.runRows = grownInt32(this.runRows);
      this.runLines = grownInt32(this.runLines);
    }
    this.runRows[this.runs] = row;
    this.runLines[this.runs++] = line;
  }

  /** The runs, in arrays of their own (transferable). */
  finish(): RowLineRuns {
    return { count: this.length, rows: this.runRows.slice(0, this.runs), lines: this.runLines.slice(0, this.runs) };
  }
}

function grownInt32(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const RECORDS_PER_PASS = 2048;

/** Reads the data rows of a CSV part (header skipped) in batches, up to `limit` rows. */
export function readCsvRows(
  part: CsvPart,
  limit: number,
  rowLines: RowLines,
  onRows: (batch: CsvBatch, from: number, to: number) => void,
  options: CsvRowOptions = {},
): CsvRowsResult {
  let headerSeen = !part.header;
  let rows = 0;
  const start = part.start ?? 0;
  const read = readCsv(
    fileByteSource(part.file, part.start === undefined && part.end === undefined ? undefined : { start, end: part.end ?? Number.POSITIVE_INFINITY }),
    (b) => {
      const from = headerSeen ? 0 : 1;
      headerSeen = true;
      const to = Math.min(b.count, from + Math.max(0, limit - rows));
      if (to > from) {
        for (let r = from; r < to; r++) rowLines.push(b.recordLine[r]);
        onRows(b, from, to);
        rows += to - from;
      }
      options.onBytes?.(b.bytesConsumed);
      return rows < limit && !options.stopWhen?.();
    },
    { chunkSize: options.chunkSize, firstLine: part.firstLine, bom: start === 0 },
  );
  return { ...read, headerSeen };
}

/**
 * Pass 2 over one part: every row into its sinks (field `index` into the sink
 * paired with it), records of the wrong width logged in `ragged`.
 */
export function loadCsvRows(
  part: CsvPart,
  width: number,
  sinks: [number, CellSink][],
  limit: number,
  rowLines: RowLines,
  ragged: RaggedLog,
  options: CsvRowOptions = {},
): CsvRowsResult {
  return readCsvRows(
    part,
    limit,
    rowLines,
    (b, from, to) => {
      for (let r = from; r < to; r++) {
        const found = b.recordFields[r + 1] - b.recordFields[r];
        if (found !== width) ragged.note(b.recordLine[r], () => ({ line: b.recordLine[r], found }));
      }
      // A few thousand records at a time, so the field offsets and bytes stay in
      // cache while every column takes its turn over them.
      for (let start = from; start < to; start += RECORDS_PER_PASS) {
        const end = Math.min(to, start + RECORDS_PER_PASS);
        for (const [index, sink] of sinks) sink.pushBatch(b, index, start, end);
      }
    },
    options,
  );
}
