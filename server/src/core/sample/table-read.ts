// What the table readers (read-csv-table.ts, read-jsonl-table.ts) share: the
// request and result of reading one data file, and the decisions both make.
//
// Passes over the file:
//  1. sniff: the header (CSV) and the first SNIFF_ROWS rows, to infer the type of
//     every column the schema does not declare and to estimate the row count
//     (so columns are allocated once, near their final size);
//  2. load: every row, straight into typed columns;
//  3. only when needed: an inferred column with a later value that does not fit
//     its type (one is enough: the type is the one every row allows) is read
//     again, that column alone, as text, and an info diagnostic names the first
//     such line. Re-reading costs a pass but keeps memory flat: no cell text is
//     held back "just in case". (JSON Lines also reads again, whole, the
//     objects found to be keyed by data only after the sniffed rows.)
// Key columns (profile id, event name, timestamp) go to sinks the caller owns.
import type { Diagnostic } from '../base/diagnostics';
import type { ValueType } from '../base/value-type';
import type { Column } from './store';
import type { ColumnBuilder } from './column-builders';
import { shouldRetypeAsString } from './infer';
import type { RowLineRuns } from './csv-rows';
import type { CsvPartWorkerOptions } from './csv-part';
import type { CellSink } from './cell-sink';

export interface TableReadRequest {
  /** Absolute path. */
  file: string;
  /** What the file is, for messages: "profile sample", "events file". */
  label: string;
  /** What a file of this kind needs, for the empty-file message. */
  needs: string;
  declaredType: (name: string) => ValueType | undefined;
  /** Columns the caller reads itself (profile id; event id, name and timestamp). */
  keyColumns: string[];
  /** Sinks for the key columns, by column name; called once the row count is estimated. */
  keySinks: (estimatedRows: number) => Map<string, CellSink>;
  /** Checks the column names found (CSV header, or names in the first JSON rows); a diagnostic returned stops the read. */
  checkColumns: (names: string[]) => Diagnostic | undefined;
  rowLimit?: number;
  /**
   * The caller copies out the rows it keeps (events, reordered by profile): the
   * columns may then be views on the builders' arrays, which saves a copy of
   * each at the peak of the load.
   */
  copiesRows?: boolean;
  /** Bytes of this file processed so far. */
  onProgress?: (bytesDone: number) => void;
  /** Bytes per read (tests use tiny chunks to cross chunk borders). */
  chunkSize?: number;
  /** Read a large CSV file with a second thread running this script; undefined: one thread. */
  csvPartWorker?: CsvPartWorkerOptions;
  /** Stop with an error once the columns hold more than this many bytes (memory-budget.ts); default DEFAULT_MEMORY_LIMIT_MB. */
  memoryLimitBytes?: number;
}

export interface TableReadResult {
  /** False when a whole-file problem stopped the read; an error diagnostic says which. */
  ok: boolean;
  rowCount: number;
  /** 1-based line each row starts on (see lineOfRow). */
  rowLines: RowLineRuns;
  /** Non-key columns in file order, finished. */
  columns: Column[];
  diagnostics: Diagnostic[];
  /** File size in bytes. */
  size: number;
  /** Threads that read the rows: 2 when a worker read the second part of the file. */
  threads: 1 | 2;
}

export const SNIFF_CHUNK = 1024 * 1024;

/** Capacity to allocate: the estimate plus a little, never above the row limit. */
export function capacityFor(size: number, sniffBytes: number, sniffRows: number, rowLimit: number): number {
  if (sniffRows === 0) return 16;
  const estimate = sniffBytes >= size ? sniffRows : Math.ceil((size / sniffBytes) * sniffRows * 1.03) + 64;
  return Math.max(16, Math.min(estimate, rowLimit));
}


/** What the retype decision and the warnings read of a loaded column (its builder's counts). */
export type ColumnStats = Pick<ColumnBuilder, 'name' | 'type' | 'declared' | 'nonEmpty' | 'bad'>;

export function needsRetype(builder: ColumnStats): boolean {
  return !builder.declared && builder.type !== 'string' && shouldRetypeAsString(builder.bad.count);
}
