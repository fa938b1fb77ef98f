// The warnings reading a data file gives: ragged rows, broken quotes, lines
// that are not JSON, values that do not fit their column, columns read as text.
import type { Diagnostic } from '../base/diagnostics';
import type { ValueType } from '../base/value-type';
import { formatCount, plural } from '../text/numbers';
import { EXPECTED_VALUE } from './column-builders';
import { SNIFF_ROWS } from './infer';
import { CappedReport, dataDiagnostic, emitSampleLog } from './data-diagnostics';
import type { RaggedLog } from './csv-rows';
import type { ColumnStats, TableReadRequest } from './table-read';
import { MAX_NESTING, MAX_OBJECT_KEYS } from './json-flatten';
import { BYTES_PER_MB } from './memory-budget';
import { notUtf8Message } from './text-encoding';
import { safeToken } from '../text/safe-text';

export function reportRaggedRows(file: string, width: number, ragged: RaggedLog, diagnostics: Diagnostic[]) {
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

export function reportCsvProblems(req: TableReadRequest, problems: { line: number; kind: string }[], diagnostics: Diagnostic[]) {
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

export function reportBadJsonLines(file: string, problems: { line: number; message: string }[], diagnostics: Diagnostic[]) {
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

const TYPE_PLURAL: Record<ValueType, string> = {
  number: 'numbers',
  boolean: '`true` and `false`',
  date: 'dates',
  list: 'lists',
  string: 'text',
};

export function reportRetype(req: TableReadRequest, old: ColumnStats, diagnostics: Diagnostic[]) {
  const first = old.bad.samples[0];
  const line = first?.line ?? 1;
  const count = old.bad.count;
  const example = first ? ` (the first on line ${formatCount(line)}: \`${safeToken(first.text)}\`)` : '';
  diagnostics.push(
    dataDiagnostic(
      req.file,
      line,
      'info',
      'sample-column-read-as-text',
      `Column \`${safeToken(old.name)}\` held only ${TYPE_PLURAL[old.type]} in the first ${formatCount(SNIFF_ROWS)} rows, but ${plural(count, 'later value')}${example} ${count === 1 ? 'is' : 'are'} not, ` +
        `so the column is read as text, as it would be with such a value anywhere. Declare its type in the schema to read it as ${TYPE_PLURAL[old.type]} (values that do not fit are then missing, with a warning).`,
    ),
  );
}

export function reportBadValues(file: string, builder: ColumnStats, diagnostics: Diagnostic[]) {
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
        `Line ${s.line}, column \`${safeToken(builder.name)}\`: \`${safeToken(s.text)}\` ${expected}; it is read as missing.`,
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
        `Column \`${safeToken(builder.name)}\`: ${plural(more, 'more value', 'more values')} (the first on line ${bad.firstUnlistedLine}) do not fit its type (${builder.type}) and are read as missing.`,
      ),
    );
  }
}

/** Nested objects kept whole as JSON text because their keys are data (a cart keyed by product id). */
export function reportWideObjects(req: TableReadRequest, wide: ReadonlyMap<string, number>, diagnostics: Diagnostic[]) {
  for (const [path, line] of wide) {
    const name = safeToken(path);
    diagnostics.push(
      dataDiagnostic(
        req.file,
        line,
        'warning',
        'sample-wide-object',
        `The objects in \`${name}\` have more than ${formatCount(MAX_OBJECT_KEYS)} different keys (the first past that on line ${line}): too many to make a column of each, ` +
          `so \`${name}\` is read as one text column holding each object's JSON. Declare \`${name}\` in the schema as \`list\` to read its keys as a list ` +
          `(\`${name} contains "…"\`), or as \`string\` to keep the JSON text without this warning.`,
      ),
    );
  }
}

/** Objects nested deeper than MAX_NESTING levels, kept whole as JSON text. */
export function reportDeepObjects(req: TableReadRequest, deep: ReadonlyMap<string, number>, diagnostics: Diagnostic[]) {
  const report = new CappedReport();
  for (const [path, line] of deep) {
    report.add(line, () => `Line ${line}: \`${safeToken(path)}\` is nested more than ${MAX_NESTING} levels deep, so it is read as one text column holding its JSON.`);
  }
  report.emit(
    req.file,
    'warning',
    'sample-deep-object',
    (more, first) => `${plural(more, 'more field', 'more fields')} (the first on line ${first}) nested more than ${MAX_NESTING} levels deep are read as JSON text.`,
    diagnostics,
  );
}

/** A flattened name given twice in one object: `"geo.city"` beside `{"geo": {"city": …}}`. */
export class DuplicateFieldReport extends CappedReport {
  addField(line: number, name: string): void {
    this.add(line, () => `Line ${line} gives \`${safeToken(name)}\` twice (as a dotted key and as a nested field, which flatten to the same name); the first one is read.`);
  }

  emitFor(file: string, diagnostics: Diagnostic[]): void {
    this.emit(
      file,
      'warning',
      'sample-duplicate-field',
      (more, first) => `${plural(more, 'more line', 'more lines')} (the first on line ${first}) give a field twice under the same flattened name; the first one is read.`,
      diagnostics,
    );
  }
}

export function reportNotUtf8(req: TableReadRequest, line: number, diagnostics: Diagnostic[]) {
  if (line > 0) diagnostics.push(dataDiagnostic(req.file, line, 'warning', 'sample-not-utf8', notUtf8Message(req.label, req.file, line)));
}

/** The error that stops a load whose columns outgrow the memory budget. */
export function tooLargeDiagnostic(req: TableReadRequest, line: number, limitBytes: number, columns: number) {
  const limit = formatCount(limitBytes / BYTES_PER_MB);
  return dataDiagnostic(
    req.file,
    line,
    'error',
    'sample-too-large',
    `Reading the ${req.label} \`${req.file}\` took more than its memory limit of ${limit} MB by line ${formatCount(line)} (${plural(columns, 'column')}), so it was not loaded. ` +
      'Use a smaller sample (or `segments.sample.rowLimit` in the editor), declare wide nested objects in the schema, or raise the limit: ' +
      '`segments.sample.memoryLimitMB` in the editor, `SEGMENTS_MEMORY_LIMIT_MB` for the CLI.',
  );
}
