// Reads a JSON Lines data file into typed columns (the passes are described in
// table-read.ts). Nested objects are flattened to `geo.city` columns.
import type { Diagnostic } from '../base/diagnostics';
import type { ValueType } from '../base/value-type';
import type { ByteSource } from './byte-source';
import { fileByteSource } from './byte-source';
import { readJsonLines } from './jsonl';
import { createColumnBuilder, StringBuilder } from './column-builders';
import type { ColumnBuilder } from './column-builders';
import { inferJsonValueType, SNIFF_ROWS, TypeEvidence } from './infer';
import { dataDiagnostic } from './data-diagnostics';
import { RowLines } from './csv-rows';
import type { CellSink } from './cell-sink';
import { capacityFor, needsRetype, SNIFF_CHUNK, type TableReadRequest, type TableReadResult } from './table-read';
import { reportBadJsonLines, reportBadValues, reportRetype } from './table-report';

export function readJsonTable(
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
