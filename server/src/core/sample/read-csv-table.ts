// Reads a CSV data file into typed columns (the passes are described in
// table-read.ts); a large file is read by two threads (csv-part.ts).
import type { Diagnostic } from '../base/diagnostics';
import { timed } from '../base/timings';
import type { Column } from './store';
import type { ByteSource } from './byte-source';
import type { CsvProblem } from './csv';
import { decodeField, readCsv } from './csv';
import { createColumnBuilder, SampleLog, StringBuilder } from './column-builders';
import type { ColumnBuilder } from './column-builders';
import { SNIFF_ROWS, TypeEvidence } from './infer';
import { dataDiagnostic } from './data-diagnostics';
import type { RaggedLog } from './csv-rows';
import { loadCsvRows, readCsvRows, RowLines, type RowLineRuns } from './csv-rows';
import { concatColumns } from './column-merge';
import { findCsvSplit } from './csv-split';
import { CsvPartReader, DEFAULT_MIN_SPLIT_BYTES } from './csv-part';
import type { CellSink } from './cell-sink';
import { capacityFor, needsRetype, SNIFF_CHUNK, type ColumnStats, type TableReadRequest, type TableReadResult } from './table-read';
import { reportBadValues, reportCsvProblems, reportNotUtf8, reportRaggedRows, reportRetype, tooLargeDiagnostic } from './table-report';
import { budgetBytes, bytesHeld } from './memory-budget';
import { safeToken } from '../text/safe-text';

interface ColumnPlan {
  index: number;
  name: string;
  role: 'key' | 'attribute' | 'ignored';
}

/**
 * Where the calling thread's part of a two-thread load ends, as a share of the
 * file. A little under half: this thread also interns the worker's key cells
 * (profile ids) after its own part, while the worker's thread first has to start.
 */
const FIRST_PART_SHARE = 0.47;


export function readCsvTable(
  req: TableReadRequest,
  sniffSource: ByteSource,
  size: number,
  diagnostics: Diagnostic[],
): TableReadResult | undefined {
  const limit = req.rowLimit ?? Number.POSITIVE_INFINITY;
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
  timed('sniff header and types', () => readCsv(
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
  ));
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
  const loaded =
    (worker && timed('rows, two threads', () => loadCsvInTwoParts(req, worker, size, columns, width, capacity, evidence))) ||
    timed('rows', () => loadCsvRowsHere(req, size, columns, width, capacity, limit, evidence));
  const { rowCount, sinks, ragged } = loaded;
  if (loaded.tooLarge) {
    diagnostics.push(loaded.tooLarge);
    return undefined;
  }
  const parts = loaded.columns;
  reportCsvProblems(req, loaded.problems, diagnostics);
  reportRaggedRows(file, width, ragged, diagnostics);
  reportNotUtf8(req, loaded.firstNonUtf8Line, diagnostics);

  // Pass 3: inferred columns that turned out to be text.
  const retype = [...parts].filter(([, p]) => needsRetype(p.stats));
  if (retype.length > 0) timed('columns read again as text', () => {
    const replacements = retype.map(([index, old]) => [index, new StringBuilder(old.stats.name, false, rowCount)] as const);
    readCsvRows({ file, header: true }, rowCount, new RowLines(), (b, from, to) => {
      for (const [index, sink] of replacements) sink.pushBatch(b, index, from, to);
    }, { chunkSize: req.chunkSize });
    for (const [index, replacement] of replacements) {
      reportRetype(req, parts.get(index)!.stats, diagnostics);
      replacement.padTo(rowCount);
      parts.set(index, builderPart(replacement, req));
    }
  });

  for (const part of parts.values()) reportBadValues(file, part.stats, diagnostics);
  for (const [, sink] of sinks) sink.padTo(rowCount);
  return {
    ok: true,
    rowCount,
    rowLines: loaded.rowLines,
    columns: timed('finish columns', () => [...parts.values()].map((p) => p.finish())),
    diagnostics,
    size,
    threads: loaded.threads,
  };
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
  /** First line with text that is not valid UTF-8; 0 when none. */
  firstNonUtf8Line: number;
  /** Set when the memory budget stopped the read. */
  tooLarge?: Diagnostic;
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
  const budget = req.memoryLimitBytes ?? budgetBytes(undefined);
  let overBudget = false;
  const read = loadCsvRows({ file: req.file, header: true }, width, sinks, limit, rowLines, ragged, {
    chunkSize: req.chunkSize,
    onBytes: (bytes) => req.onProgress?.(Math.min(size, bytes)),
    stopWhen: () => (overBudget = bytesHeld(sinks.map(([, sink]) => sink)) > budget),
  });
  const parts = new Map([...builders].map(([index, builder]) => [index, builderPart(builder, req)]));
  const tooLarge = overBudget ? tooLargeDiagnostic(req, read.endLine, budget, sinks.length) : undefined;
  return {
    rowCount: rowLines.length,
    rowLines: rowLines.finish(),
    columns: parts,
    sinks,
    ragged,
    problems: read.problems,
    threads: 1,
    firstNonUtf8Line: read.firstNonUtf8Line,
    tooLarge,
  };
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
  // This part's share of the budget; a part that outgrows it stops, and the one-thread read that follows reports it.
  const budget = (req.memoryLimitBytes ?? budgetBytes(undefined)) * share;
  const mine = loadCsvRows({ file: req.file, end: split, header: true }, width, sinks, Number.POSITIVE_INFINITY, rowLines, ragged, {
    chunkSize: req.chunkSize,
    onBytes: (bytes) => req.onProgress?.(Math.min(size, bytes / share)),
    stopWhen: () => bytesHeld(sinks.map(([, sink]) => sink)) > budget,
  });
  // The cut is right only if this part ends exactly there, outside any quoted field
  // (quote counting is fooled by a quote inside an unquoted field) and after the header.
  if (!mine.headerSeen || mine.problems.length > 0 || mine.stopped || mine.bytesConsumed !== split) {
    worker.stop();
    return undefined;
  }
  // Finished before waiting: when the worker is the slower, this costs no time.
  const mineFinished = new Map([...builders].map(([index, builder]) => [index, builder.finish(true)]));
  const theirs = timed('wait for the second thread', () => worker.result());
  if ('error' in theirs) return undefined;

  // The worker counted lines from 1 at the cut.
  const shift = mine.endLine - 1;
  rowLines.append(theirs.rowLines, shift);
  ragged.append(theirs.ragged, shift);
  timed("the second part's keys", () => {
    for (const { index, cells } of theirs.keys) keySinks.find(([i]) => i === index)![1].pushPackedTexts!(cells);
  });
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
    firstNonUtf8Line: mine.firstNonUtf8Line || (theirs.firstNonUtf8Line && theirs.firstNonUtf8Line + shift),
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
          `Column \`${safeToken(name)}\` appears twice in the header (columns ${before + 1} and ${index + 1}); the second one is ignored.`,
        ),
      );
      return { index, name, role: 'ignored' as const };
    }
    seen.set(name, index);
    return { index, name, role: req.keyColumns.includes(name) ? ('key' as const) : ('attribute' as const) };
  });
}

/** A loaded column: its counts now, the finished column when asked (once). */
interface ColumnPart {
  stats: ColumnStats;
  finish: () => Column;
}

function builderPart(builder: ColumnBuilder, req: TableReadRequest): ColumnPart {
  return { stats: builder, finish: () => builder.finish(req.copiesRows) };
}
