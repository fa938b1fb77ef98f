// Reads a JSON Lines data file into typed columns (the passes are described in
// table-read.ts). Nested objects are flattened to `geo.city` columns, except
// those kept whole as JSON text (json-flatten.ts): declared as one column in
// the schema, nested too deep, or keyed by data (more than MAX_OBJECT_KEYS
// different keys). The passes share what they learn about the objects' shapes:
// an object path found wide during pass 2 loses the columns made for its keys at
// once, and pass 3 reads it again as one column, so no row is read two ways.
import type { Diagnostic } from '../base/diagnostics';
import type { ValueType } from '../base/value-type';
import type { ByteSource } from './byte-source';
import { fileByteSource } from './byte-source';
import { readJsonLines } from './jsonl';
import { ObjectShapes, type WholeObjectRule } from './json-flatten';
import { createColumnBuilder, StringBuilder } from './column-builders';
import type { ColumnBuilder } from './column-builders';
import { inferJsonValueType, SNIFF_ROWS, TypeEvidence } from './infer';
import { dataDiagnostic } from './data-diagnostics';
import { RowLines } from './csv-rows';
import type { CellSink } from './cell-sink';
import { budgetBytes, bytesHeld, BUDGET_CHECK_ROWS } from './memory-budget';
import { capacityFor, needsRetype, SNIFF_CHUNK, type TableReadRequest, type TableReadResult } from './table-read';
import {
  DuplicateFieldReport,
  reportBadJsonLines,
  reportBadValues,
  reportDeepObjects,
  reportNotUtf8,
  reportRetype,
  reportWideObjects,
  tooLargeDiagnostic,
} from './table-report';

export function readJsonTable(
  req: TableReadRequest,
  sniffSource: ByteSource,
  size: number,
  diagnostics: Diagnostic[],
): TableReadResult | undefined {
  const file = req.file;
  const limit = req.rowLimit ?? Number.POSITIVE_INFINITY;
  const budget = req.memoryLimitBytes ?? budgetBytes(undefined);
  const shapes = new ObjectShapes();
  const whole = wholeByDeclaration(req);

  // Pass 1: names and types from the first rows.
  const evidence = new Map<string, TypeEvidence>();
  let sniffed = 0;
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
    { chunkSize: Math.min(SNIFF_CHUNK, req.chunkSize ?? SNIFF_CHUNK), shapes, whole },
  );
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
  // Names met under an object before it turned out to be keyed by data are not columns.
  for (const name of [...evidence.keys()]) if (underWide(shapes, name)) evidence.delete(name);
  const stop = req.checkColumns([...evidence.keys()]);
  if (stop) {
    diagnostics.push(stop);
    return undefined;
  }
  const capacity = capacityFor(size, sniff.bytesConsumed, sniffed, limit);

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
  /** Object paths that turned wide during this pass: read again, whole, in pass 3. */
  const reread = new Set<string>();
  let wideSeen = shapes.wide.size;
  const duplicates = new DuplicateFieldReport();
  let tooLarge: Diagnostic | undefined;
  // What the columns held at the last count, plus the columns made since (a count per new column would be quadratic).
  let held = bytesHeld(sinks.values());
  let nextBudgetCheck = BUDGET_CHECK_ROWS;
  const rowLines = new RowLines();
  const main = readJsonLines(
    fileByteSource(file),
    (row, line) => {
      if (rowLines.length >= limit) return false;
      if (shapes.wide.size !== wideSeen) {
        wideSeen = shapes.wide.size;
        for (const path of shapes.wide.keys()) if (!reread.has(path)) dropColumnsOf(path, builders, sinks, reread, req.keyColumns);
      }
      const n = rowLines.length;
      for (let i = 0; i < row.names.length; i++) {
        const name = row.names[i];
        if (reread.has(name)) continue;
        const value = row.values[i];
        let sink = sinks.get(name);
        if (!sink) {
          const declared = req.declaredType(name);
          const builder = addBuilder(name, declared ?? inferJsonValueType(value), declared !== undefined);
          held += builder.approxBytes();
          sink = builder;
        }
        if (sink.length > n) {
          duplicates.addField(line, name);
          continue;
        }
        sink.padTo(n);
        sink.pushJson(value, line);
      }
      rowLines.push(line);
      if (held > budget || rowLines.length >= nextBudgetCheck) {
        nextBudgetCheck = rowLines.length + BUDGET_CHECK_ROWS;
        held = bytesHeld(sinks.values());
        if (held > budget) {
          tooLarge = tooLargeDiagnostic(req, line, budget, sinks.size);
          return false;
        }
      }
      return rowLines.length < limit;
    },
    { chunkSize: req.chunkSize, onProgress: (bytes) => req.onProgress?.(Math.min(size, bytes)), shapes, whole },
  );
  if (tooLarge) {
    diagnostics.push(tooLarge);
    return undefined;
  }
  const rowCount = rowLines.length;
  reportBadJsonLines(file, main.problems, diagnostics);
  reportNotUtf8(req, main.firstNonUtf8Line, diagnostics);
  reportWideObjects(req, shapes.wide, diagnostics);
  reportDeepObjects(req, shapes.deep, diagnostics);
  duplicates.emitFor(file, diagnostics);

  // Pass 3: objects found wide in pass 2, and inferred columns that turned out to be text.
  const retype = [...builders.values()].filter(needsRetype);
  if (retype.length > 0 || reread.size > 0) {
    const replacements = new Map<string, ColumnBuilder>();
    for (const old of retype) replacements.set(old.name, new StringBuilder(old.name, false, rowCount));
    for (const path of reread) replacements.set(path, new StringBuilder(path, false, rowCount));
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
      { chunkSize: req.chunkSize, shapes, whole },
    );
    for (const old of retype) reportRetype(req, old, diagnostics);
    for (const [name, replacement] of replacements) builders.set(name, replacement);
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

/**
 * An object declared in the schema as one field is kept whole: a `list` holds
 * its keys (a cart: `cart contains "p18652"`), any other type its JSON text.
 */
function wholeByDeclaration(req: TableReadRequest): WholeObjectRule {
  return (path) => {
    const declared = req.declaredType(path);
    return declared === undefined ? undefined : declared === 'list' ? 'keys' : 'text';
  };
}

function underWide(shapes: ObjectShapes, name: string): boolean {
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
    if (shapes.isWide(name.slice(0, dot))) return true;
  }
  return false;
}

/** Forgets the columns of a path that turned wide (its own and its keys'); pass 3 reads it again. */
function dropColumnsOf(path: string, builders: Map<string, ColumnBuilder>, sinks: Map<string, CellSink>, reread: Set<string>, keys: string[]) {
  const prefix = `${path}.`;
  for (const name of [...builders.keys()]) {
    if (name === path || name.startsWith(prefix)) {
      builders.delete(name);
      sinks.delete(name);
    }
  }
  for (const inner of [...reread]) if (inner.startsWith(prefix)) reread.delete(inner);
  if (!keys.includes(path)) reread.add(path);
}
