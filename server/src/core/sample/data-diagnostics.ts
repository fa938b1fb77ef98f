// Diagnostics about data files. Their text is not kept in memory, so they carry
// a line (`position`) instead of a character span.
import type { Diagnostic, Severity } from '../base/diagnostics';
import type { SampleLogData } from './column-builders';
import { SampleLog } from './column-builders';
import { formatCount } from '../text/numbers';
import { safeToken } from '../text/safe-text';

/** A diagnostic on 1-based `line` of a data file (line 1 for whole-file problems). */
export function dataDiagnostic(file: string, line: number, severity: Severity, code: string, message: string): Diagnostic {
  return {
    file,
    span: { start: 0, end: 0 },
    position: { line: Math.max(0, line - 1), character: 0 },
    severity,
    code,
    message,
  };
}

/** `a`, `b` and `c` — for lists of column names in messages (at most `max` shown, each as a short sanitised token). */
export function nameList(names: string[], max = 30): string {
  const shown = names.slice(0, max).map((n) => `\`${safeToken(n)}\``);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${formatCount(rest)} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * Diagnostics for a log of rows with one problem: one per listed row, then one
 * summary built by `summary(more, firstLine)` when rows were left out.
 */
export function emitSampleLog<S extends { line: number }>(
  log: SampleLogData<S>,
  file: string,
  severity: Severity,
  code: string,
  message: (sample: S) => string,
  summary: (more: number, firstLine: number) => string,
  into: Diagnostic[],
): void {
  for (const s of log.samples) into.push(dataDiagnostic(file, s.line, severity, code, message(s)));
  const more = log.count - log.samples.length;
  if (more > 0) into.push(dataDiagnostic(file, log.firstUnlistedLine, severity, code, summary(more, log.firstUnlistedLine)));
}

/**
 * Problems of one kind found on many rows: the first few are reported one by
 * one, the rest as one summary, so a bad column cannot flood the editor.
 */
export class CappedReport extends SampleLog<{ line: number; message: string }> {
  /** `message` is only called for the rows that are listed. */
  add(line: number, message: () => string): void {
    this.note(line, () => ({ line, message: message() }));
  }

  /** The listed diagnostics, then one summary built by `summary(more)` when rows were left out. */
  emit(
    file: string,
    severity: Severity,
    code: string,
    summary: (more: number, firstLine: number) => string,
    into: Diagnostic[],
  ): void {
    emitSampleLog(this, file, severity, code, (s) => s.message, summary, into);
  }
}
