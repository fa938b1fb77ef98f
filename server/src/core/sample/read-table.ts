// Reads one data file (CSV or JSON Lines) into typed columns: the engine under
// the profile and event loaders.
//
// Passes over the file:
//  1. sniff: the header (CSV) and the first SNIFF_ROWS rows, to infer the type of
//     every column the schema does not declare and to estimate the row count
//     (so columns are allocated once, near their final size);
//  2. load: every row, straight into typed columns;
//  3. only when needed: an inferred column whose later values mostly did not fit
//     (more than RETYPE_SHARE of them) is read again, that column alone, as text,
//     and an info diagnostic says so. Re-reading costs a pass but keeps memory
//     flat: no cell text is held back "just in case".
// Key columns (profile id, event name, timestamp) go to sinks the caller owns.
import { extname } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import type { Column, PackedTexts, ValueType } from './store';
import type { ByteSource } from './byte-source';
import { fileByteSource } from './byte-source';
import type { CsvBatch, CsvProblem } from './csv';
import { decodeField, readCsv } from './csv';
import type { JsonCell } from './jsonl';
import { readJsonLines } from './jsonl';
import { createColumnBuilder, EXPECTED_VALUE, SampleLog, StringBuilder } from './column-builders';
import type { ColumnBuilder } from './column-builders';
import { inferJsonValueType, shouldRetypeAsString, SNIFF_ROWS, TypeEvidence } from './infer';
import { CappedReport, dataDiagnostic, emitSampleLog, formatCount, plural } from './data-diagnostics';
import type { RaggedLog } from './csv-rows';
import { loadCsvRows, readCsvRows, RowLines, type RowLineRuns } from './csv-rows';
import { concatColumns } from './column-merge';
import { findCsvSplit } from './csv-split';
import type { CsvPartWorkerOptions } from './csv-part';
import { CsvPartReader, DEFAULT_MIN_SPLIT_BYTES } from './csv-part';

export type DataFormat = 'csv' | 'jsonl';

/** `.jsonl`, `.ndjson` and `.json` are JSON Lines; anything else is read as CSV. */
export function dataFormatOf(path: string): DataFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' || ext === '.json' ? 'jsonl' : 'csv';
}

/** Where the cells of one column go. Column builders are sinks; loaders add their own for key columns. */
export interface CellSink {
  readonly length: number;
  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void;
  pushJson(value: JsonCell, line: number): void;
  padTo(rows: number): void;
  /** Appends the cells of rows read by a worker thread (row i's cell is text i); a sink without it keeps a file on one thread. */
  pushPackedTexts?(cells: PackedTexts): void;
}

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

interface ColumnPlan {
  index: number;
  name: string;
  role: 'key' | 'attribute' | 'ignored';
}

const SNIFF_CHUNK = 1024 * 1024;
/**
 * Where the calling thread's part of a two-thread load ends, as a share of the
 * file. A little under half: this thread also interns the worker's key cells
 * (profile ids) after its own part, while the worker's thread first has to start.
 */
const FIRST_PART_SHARE = 0.47;

export function readTable(req: TableReadRequest): TableReadResult {
  const diagnostics: Diagnostic[] = [];
  const failed = (): TableReadResult => ({
    ok: false,
    rowCount: 0,
    rowLines: new RowLines().finish(),
    columns: [],
    diagnostics,
    size: 0,
    threads: 1,
  });
  const opened = openSource(req, diagnostics);
  if (!opened) return failed();
  const size = opened.size ?? 0;
  if (size === 0) {
    opened.close();
    diagnostics.push(
      dataDiagnostic(req.file, 1, 'error', 'sample-file-empty', `The ${req.label} \`${req.file}\` is empty: ${req.needs}.`),
    );
    return failed();
  }
  const result =
    dataFormatOf(req.file) === 'jsonl'
      ? readJsonTable(req, opened, size, diagnostics)
      : readCsvTable(req, opened, size, diagnostics);
  return result ?? failed();
}

function openSource(req: TableReadRequest, diagnostics: Diagnostic[]): ByteSource | undefined {
  try {
    return fileByteSource(req.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      diagnostics.push(
        dataDiagnostic(req.file, 1, 'error', 'sample-file-not-found', `The ${req.label} \`${req.file}\` does not exist.`),
      );
    } else {
      const reason = code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      diagnostics.push(
        dataDiagnostic(req.file, 1, 'error', 'sample-file-unreadable', `The ${req.label} \`${req.file}\` cannot be read: ${reason}.`),
      );
    }
    return undefined;
  }
}

/** Capacity to allocate: the estimate plus a little, never above the row limit. */
function capacityFor(size: number, sniffBytes: number, sniffRows: number, rowLimit: number): number {
  if (sniffRows === 0) return 16;
  const estimate = sniffBytes >= size ? sniffRows : Math.ceil((size / sniffBytes) * sniffRows * 1.03) + 64;
  return Math.max(16, Math.min(estimate, rowLimit));
}

// ---------------------------------------------------------------- CSV

function readCsvTable(
  req: TableReadRequest,
  sniffSource: ByteSource,
  size: number,
  diagnostics: Diagnostic[],
): TableReadResult | undefined {
  const limit = req.rowLimit ?? Number.POSITIVE_INFINITY;
  const file = req.file;
  const split = req.csvPartWorker && limit === Number.POSITIVE_INFINITY && size >= (req.csvPartWorker.minFileBytes ?? DEFAULT_MIN_SPLIT_BYTES);
  const worker = split ? CsvPartReader.start(req.csvPartWorker!) : undefined;
  try {
    return readCsvTableWith(req, sniffSource, size, diagnostics, limit, worker);
  } finally {
    worker?.stop();
  }
}

function readCsvTableWith(
  req: TableReadRequest,
  sniffSource: ByteSource,
  size: number,
  diagnostics: Diagnostic[],
  limit: number,
  worker: CsvPartReader | undefined,
): TableReadResult | undefined {
  const file = req.file;

  // Pass 1: header and sniffed rows.
  let plan: ColumnPlan[] | undefined;
  let width = 0;
  let stop: Diagnostic | undefined;
  const evidence = new Map<number, TypeEvidence>();
  let sniffed = 0;
  let sniffRecords = 0;
  let sniffBytes = 0;
  readCsv(
    sniffSource,
    (b) => {
      let from = 0;
      if (!plan) {
        const names: string[] = [];
        for (let f = b.recordFields[0]; f < b.recordFields[1]; f++) names.push(decodeField(b.bytes, b.fieldStart[f], b.fieldEnd[f]).trim());
        width = names.length;
        plan = planColumns(names, req, diagnostics);
        stop = req.checkColumns(plan.filter((c) => c.role !== 'ignored').map((c) => c.name));
        if (stop) return false;
        for (const c of plan) if (c.role === 'attribute' && !req.declaredType(c.name)) evidence.set(c.index, new TypeEvidence());
        from = 1;
      }
      const to = Math.min(b.count, from + (SNIFF_ROWS - sniffed));
      for (const [index, ev] of evidence) {
        for (let r = from; r < to; r++) {
          const fi = b.recordFields[r] + index;
          if (fi < b.recordFields[r + 1]) ev.observeBytes(b.bytes, b.fieldStart[fi], b.fieldEnd[fi]);
        }
      }
      sniffed += to - from;
      sniffRecords += b.count - from;
      sniffBytes = b.bytesConsumed;
      return sniffed < SNIFF_ROWS;
    },
    { chunkSize: Math.min(SNIFF_CHUNK, req.chunkSize ?? SNIFF_CHUNK) },
  );
  if (stop) {
    diagnostics.push(stop);
    return undefined;
  }
  if (!plan) {
    diagnostics.push(
      dataDiagnostic(file, 1, 'error', 'sample-no-header', `The ${req.label} \`${file}\` has no header row: it holds only blank lines.`),
    );
    return undefined;
  }
  const columns = plan;
  const capacity = capacityFor(size, sniffBytes, sniffRecords, limit);

  // Pass 2: every row, by two threads when the file is large enough to be worth it.
  const loaded = (worker && loadCsvInTwoParts(req, worker, size, columns, width, capacity, evidence)) || loadCsvRowsHere(req, size, columns, width, capacity, limit, evidence);
  const { rowCount, sinks, ragged } = loaded;
  const parts = loaded.columns;
  reportCsvProblems(req, loaded.problems, diagnostics);
  reportRaggedRows(file, width, ragged, diagnostics);

  // Pass 3: inferred columns that turned out to be text.
  const retype = [...parts].filter(([, p]) => needsRetype(p.stats));
  if (retype.length > 0) {
    const replacements = retype.map(([index, old]) => [index, new StringBuilder(old.stats.name, false, rowCount)] as const);
    readCsvRows({ file, header: true }, rowCount, new RowLines(), (b, from, to) => {
      for (const [index, sink] of replacements) sink.pushBatch(b, index, from, to);
    }, { chunkSize: req.chunkSize });
    for (const [index, replacement] of replacements) {
      reportRetype(req, parts.get(index)!.stats, diagnostics);
      replacement.padTo(rowCount);
      parts.set(index, builderPart(replacement, req));
    }
  }

  for (const part of parts.values()) reportBadValues(file, part.stats, diagnostics);
  for (const [, sink] of sinks) sink.padTo(rowCount);
  return {
    ok: true,
    rowCount,
    rowLines: loaded.rowLines,
    columns: [...parts.values()].map((p) => p.finish()),
    diagnostics,
    size,
    threads: loaded.threads,
  };
}

/** What the retype decision and the warnings read of a loaded column (its builder's counts). */
type ColumnStats = Pick<ColumnBuilder, 'name' | 'type' | 'declared' | 'nonEmpty' | 'bad'>;

/** A loaded column: its counts now, the finished column when asked (once). */
interface ColumnPart {
  stats: ColumnStats;
  finish: () => Column;
}

function builderPart(builder: ColumnBuilder, req: TableReadRequest): ColumnPart {
  return { stats: builder, finish: () => builder.finish(req.copiesRows) };
}

interface CsvRowsLoaded {
  rowCount: number;
  rowLines: RowLineRuns;
  /** Attribute columns by field index, in file order. */
  columns: Map<number, ColumnPart>;
  /** Sinks to pad to the row count. */
  sinks: [number, CellSink][];
  ragged: RaggedLog;
  problems: CsvProblem[];
  threads: 1 | 2;
}

/** Sinks for pass 2: the caller's for key columns, a builder of the decided type for every attribute. */
function createSinks(req: TableReadRequest, columns: ColumnPlan[], capacity: number, keyCapacity: number, evidence: Map<number, TypeEvidence>) {
  const keySinks = req.keySinks(keyCapacity);
  const builders = new Map<number, ColumnBuilder>();
  const sinks: [number, CellSink][] = [];
  for (const c of columns) {
    if (c.role === 'key') sinks.push([c.index, keySinks.get(c.name)!]);
    else if (c.role === 'attribute') {
      const declared = req.declaredType(c.name);
      const type = declared ?? evidence.get(c.index)!.decide();
      const builder = createColumnBuilder(type, c.name, declared !== undefined, capacity);
      builders.set(c.index, builder);
      sinks.push([c.index, builder]);
    }
  }
  return { builders, sinks };
}

/** Pass 2 on this thread alone. */
function loadCsvRowsHere(
  req: TableReadRequest,
  size: number,
  columns: ColumnPlan[],
  width: number,
  capacity: number,
  limit: number,
  evidence: Map<number, TypeEvidence>,
): CsvRowsLoaded {
  const { builders, sinks } = createSinks(req, columns, capacity, capacity, evidence);
  const rowLines = new RowLines();
  const ragged: RaggedLog = new SampleLog();
  const read = loadCsvRows({ file: req.file, header: true }, width, sinks, limit, rowLines, ragged, {
    chunkSize: req.chunkSize,
    onBytes: (bytes) => req.onProgress?.(Math.min(size, bytes)),
  });
  const parts = new Map([...builders].map(([index, builder]) => [index, builderPart(builder, req)]));
  return { rowCount: rowLines.length, rowLines: rowLines.finish(), columns: parts, sinks, ragged, problems: read.problems, threads: 1 };
}

/**
 * Pass 2 by two threads: the worker reads the second half of the file while
 * this thread reads the first, then the halves are joined. Undefined when there
 * is no safe cut, a key sink cannot take the worker's cells, the cut turns out
 * wrong or the worker fails: the caller then reads the file alone (with new
 * key sinks).
 */
function loadCsvInTwoParts(
  req: TableReadRequest,
  worker: CsvPartReader,
  size: number,
  columns: ColumnPlan[],
  width: number,
  capacity: number,
  evidence: Map<number, TypeEvidence>,
): CsvRowsLoaded | undefined {
  const split = findCsvSplit(req.file, size, FIRST_PART_SHARE);
  if (split === undefined) return undefined;
  const share = split / size;
  const { builders, sinks } = createSinks(req, columns, Math.ceil(capacity * share) + 16, capacity, evidence);
  const keys = columns.filter((c) => c.role === 'key').map((c) => c.index);
  const keySinks = sinks.filter(([index]) => keys.includes(index));
  if (keySinks.some(([, s]) => !s.pushPackedTexts)) return undefined;
  worker.read({
    file: req.file,
    start: split,
    end: size,
    width,
    capacity: Math.ceil(capacity * (1 - share)) + 16,
    chunkSize: req.chunkSize,
    columns: [...builders].map(([index, b]) => ({ index, name: b.name, type: b.type, declared: b.declared })),
    keys,
  });

  const rowLines = new RowLines();
  const ragged: RaggedLog = new SampleLog();
  // Both halves go at about the same speed, so this thread's progress stands for both.
  const mine = loadCsvRows({ file: req.file, end: split, header: true }, width, sinks, Number.POSITIVE_INFINITY, rowLines, ragged, {
    chunkSize: req.chunkSize,
    onBytes: (bytes) => req.onProgress?.(Math.min(size, bytes / share)),
  });
  // The cut is right only if this part ends exactly there, outside any quoted field
  // (quote counting is fooled by a quote inside an unquoted field) and after the header.
  if (!mine.headerSeen || mine.problems.length > 0 || mine.stopped || mine.bytesConsumed !== split) {
    worker.stop();
    return undefined;
  }
  // Finished before waiting: when the worker is the slower, this costs no time.
  const mineFinished = new Map([...builders].map(([index, builder]) => [index, builder.finish(true)]));
  const theirs = worker.result();
  if ('error' in theirs) return undefined;

  // The worker counted lines from 1 at the cut.
  const shift = mine.endLine - 1;
  rowLines.append(theirs.rowLines, shift);
  ragged.append(theirs.ragged, shift);
  for (const { index, cells } of theirs.keys) keySinks.find(([i]) => i === index)![1].pushPackedTexts!(cells);
  const parts = new Map<number, ColumnPart>();
  for (const { index, column, nonEmpty, bad } of theirs.columns) {
    const builder = builders.get(index)!;
    builder.nonEmpty += nonEmpty;
    builder.bad.append(bad, shift);
    parts.set(index, { stats: builder, finish: () => concatColumns(mineFinished.get(index)!, column) });
  }
  req.onProgress?.(size);
  return {
    rowCount: rowLines.length,
    rowLines: rowLines.finish(),
    columns: parts,
    // Only the key sinks: the builders are joined with the worker's columns as they are.
    sinks: keySinks,
    ragged,
    problems: theirs.problems.map((p) => ({ ...p, line: p.line + shift })),
    threads: 2,
  };
}

function planColumns(names: string[], req: TableReadRequest, diagnostics: Diagnostic[]): ColumnPlan[] {
  const seen = new Map<string, number>();
  return names.map((name, index) => {
    if (name === '') {
      diagnostics.push(
        dataDiagnostic(req.file, 1, 'warning', 'sample-unnamed-column', `Column ${index + 1} has no name in the header; its values are ignored.`),
      );
      return { index, name, role: 'ignored' as const };
    }
    const before = seen.get(name);
    if (before !== undefined) {
      diagnostics.push(
        dataDiagnostic(
          req.file,
          1,
          'warning',
          'sample-duplicate-column',
          `Column \`${name}\` appears twice in the header (columns ${before + 1} and ${index + 1}); the second one is ignored.`,
        ),
      );
      return { index, name, role: 'ignored' as const };
    }
    seen.set(name, index);
    return { index, name, role: req.keyColumns.includes(name) ? ('key' as const) : ('attribute' as const) };
  });
}

function reportRaggedRows(file: string, width: number, ragged: RaggedLog, diagnostics: Diagnostic[]) {
  emitSampleLog(
    ragged,
    file,
    'warning',
    'sample-ragged-row',
    ({ line, found }) =>
      found < width
        ? `Line ${line} has ${plural(found, 'field', 'fields')} but the header has ${formatCount(width)}; the missing cells are read as missing.`
        : `Line ${line} has ${plural(found, 'field', 'fields')} but the header has ${formatCount(width)}; the extra fields are ignored.`,
    (more, first) =>
      `${plural(more, 'more row', 'more rows')} (the first on line ${first}) ${more === 1 ? 'has' : 'have'} a different number of fields than the header (${formatCount(width)}).`,
    diagnostics,
  );
}

function reportCsvProblems(req: TableReadRequest, problems: { line: number; kind: string }[], diagnostics: Diagnostic[]) {
  for (const p of problems) {
    if (p.kind === 'unclosed-quote') {
      diagnostics.push(
        dataDiagnostic(
          req.file,
          p.line,
          'warning',
          'sample-unclosed-quote',
          `The quoted field that starts on line ${p.line} is never closed; everything after it was read as one field.`,
        ),
      );
    } else {
      diagnostics.push(
        dataDiagnostic(
          req.file,
          p.line,
          'warning',
          'sample-record-too-long',
          `The record that starts on line ${p.line} is hundreds of megabytes long (most likely a quote that is never closed); reading stopped there.`,
        ),
      );
    }
  }
}

// ---------------------------------------------------------------- JSON Lines

function readJsonTable(
  req: TableReadRequest,
  sniffSource: ByteSource,
  size: number,
  diagnostics: Diagnostic[],
): TableReadResult | undefined {
  const file = req.file;
  const limit = req.rowLimit ?? Number.POSITIVE_INFINITY;

  // Pass 1: names and types from the first rows.
  const evidence = new Map<string, TypeEvidence>();
  let sniffed = 0;
  let sniffBytes = 0;
  const sniff = readJsonLines(
    sniffSource,
    (row) => {
      for (let i = 0; i < row.names.length; i++) {
        let ev = evidence.get(row.names[i]);
        if (!ev) evidence.set(row.names[i], (ev = new TypeEvidence()));
        ev.observeJson(row.values[i]);
      }
      sniffed++;
      return sniffed < SNIFF_ROWS;
    },
    { chunkSize: Math.min(SNIFF_CHUNK, req.chunkSize ?? SNIFF_CHUNK) },
  );
  sniffBytes = sniff.bytesConsumed;
  if (sniffed === 0) {
    reportBadJsonLines(file, sniff.problems, diagnostics);
    diagnostics.push(
      dataDiagnostic(
        file,
        1,
        'error',
        'sample-no-header',
        `The ${req.label} \`${file}\` holds no JSON object, so it has no columns: ${req.needs}.`,
      ),
    );
    return undefined;
  }
  const stop = req.checkColumns([...evidence.keys()]);
  if (stop) {
    diagnostics.push(stop);
    return undefined;
  }
  const capacity = capacityFor(size, sniffBytes, sniffed, limit);

  // Pass 2: every row. Names first seen after the sniffed rows get a column then, typed by their first value.
  const keySinks = req.keySinks(capacity);
  const sinks = new Map<string, CellSink>(keySinks);
  const builders = new Map<string, ColumnBuilder>();
  const addBuilder = (name: string, type: ValueType, declared: boolean): ColumnBuilder => {
    const builder = createColumnBuilder(type, name, declared, capacity);
    builders.set(name, builder);
    sinks.set(name, builder);
    return builder;
  };
  for (const [name, ev] of evidence) {
    if (sinks.has(name)) continue;
    const declared = req.declaredType(name);
    addBuilder(name, declared ?? ev.decide(), declared !== undefined);
  }
  const rowLines = new RowLines();
  const main = readJsonLines(
    fileByteSource(file),
    (row, line) => {
      if (rowLines.length >= limit) return false;
      const n = rowLines.length;
      for (let i = 0; i < row.names.length; i++) {
        const name = row.names[i];
        const value = row.values[i];
        let sink = sinks.get(name);
        if (!sink) {
          const declared = req.declaredType(name);
          sink = addBuilder(name, declared ?? inferJsonValueType(value), declared !== undefined);
        }
        if (sink.length > n) continue; // the same flattened name twice in one object: the first wins
        sink.padTo(n);
        sink.pushJson(value, line);
      }
      rowLines.push(line);
      return rowLines.length < limit;
    },
    { chunkSize: req.chunkSize, onProgress: (bytes) => req.onProgress?.(Math.min(size, bytes)) },
  );
  const rowCount = rowLines.length;
  reportBadJsonLines(file, main.problems, diagnostics);

  // Pass 3: inferred columns that turned out to be text.
  const retype = [...builders.values()].filter(needsRetype);
  if (retype.length > 0) {
    const replacements = new Map(retype.map((old) => [old.name, new StringBuilder(old.name, false, rowCount)]));
    let n = 0;
    readJsonLines(
      fileByteSource(file),
      (row, line) => {
        if (n >= rowCount) return false;
        for (let i = 0; i < row.names.length; i++) {
          const sink = replacements.get(row.names[i]);
          if (!sink || sink.length > n) continue;
          sink.padTo(n);
          sink.pushJson(row.values[i], line);
        }
        n++;
        return n < rowCount;
      },
      { chunkSize: req.chunkSize },
    );
    for (const [name, replacement] of replacements) {
      reportRetype(req, builders.get(name)!, diagnostics);
      builders.set(name, replacement);
    }
  }

  for (const builder of builders.values()) reportBadValues(file, builder, diagnostics);
  for (const sink of sinks.values()) sink.padTo(rowCount);
  for (const builder of builders.values()) builder.padTo(rowCount);
  return {
    ok: true,
    rowCount,
    rowLines: rowLines.finish(),
    columns: [...builders.values()].map((b) => b.finish(req.copiesRows)),
    diagnostics,
    size,
    threads: 1,
  };
}

function reportBadJsonLines(file: string, problems: { line: number; message: string }[], diagnostics: Diagnostic[]) {
  const report = new CappedReport();
  for (const p of problems) report.add(p.line, () => `Line ${p.line} ${p.message}; the line is skipped.`);
  report.emit(
    file,
    'warning',
    'sample-bad-json-line',
    (more, first) => `${plural(more, 'more line', 'more lines')} (the first on line ${first}) are not JSON objects and are skipped.`,
    diagnostics,
  );
}

// ---------------------------------------------------------------- shared

function needsRetype(builder: ColumnStats): boolean {
  return !builder.declared && builder.type !== 'string' && shouldRetypeAsString(builder.bad.count, builder.nonEmpty);
}

const TYPE_PLURAL: Record<ValueType, string> = {
  number: 'numbers',
  boolean: '`true` and `false`',
  date: 'dates',
  list: 'lists',
  string: 'text',
};

function reportRetype(req: TableReadRequest, old: ColumnStats, diagnostics: Diagnostic[]) {
  const first = old.bad.samples[0]?.line ?? 1;
  const count = old.bad.count;
  diagnostics.push(
    dataDiagnostic(
      req.file,
      first,
      'info',
      'sample-column-read-as-text',
      `Column \`${old.name}\` held only ${TYPE_PLURAL[old.type]} in the first ${formatCount(SNIFF_ROWS)} rows, but ${plural(count, 'later value', 'later values')} (the first on line ${first}) ${count === 1 ? 'does' : 'do'} not fit, so the column is read as text. Declare its type in the schema to read it otherwise.`,
    ),
  );
}

function reportBadValues(file: string, builder: ColumnStats, diagnostics: Diagnostic[]) {
  const bad = builder.bad;
  if (bad.count === 0) return;
  const expected = EXPECTED_VALUE[builder.type];
  for (const s of bad.samples) {
    diagnostics.push(
      dataDiagnostic(
        file,
        s.line,
        'warning',
        'sample-bad-value',
        `Line ${s.line}, column \`${builder.name}\`: \`${s.text}\` ${expected}; it is read as missing.`,
      ),
    );
  }
  const more = bad.count - bad.samples.length;
  if (more > 0) {
    diagnostics.push(
      dataDiagnostic(
        file,
        bad.firstUnlistedLine,
        'warning',
        'sample-bad-value',
        `Column \`${builder.name}\`: ${plural(more, 'more value', 'more values')} (the first on line ${bad.firstUnlistedLine}) do not fit its type (${builder.type}) and are read as missing.`,
      ),
    );
  }
}
