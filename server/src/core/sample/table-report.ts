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
