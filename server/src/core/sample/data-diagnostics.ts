// Diagnostics about data files. Their text is not kept in memory, so they carry
// a line (`position`) instead of a character span.
import type { Diagnostic, Severity } from '../diagnostics';
import { BAD_VALUE_SAMPLES } from './column-builders';

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

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** `a`, `b` and `c` — for lists of column names in messages (at most `max` shown). */
export function nameList(names: string[], max = 30): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${formatCount(rest)} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * Problems of one kind found on many rows: the first few are reported one by
 * one, the rest as one summary, so a bad column cannot flood the editor.
 */
export class CappedReport {
  count = 0;
  private readonly items: { line: number; message: string }[] = [];
  private firstUnlistedLine = 0;

  constructor(private readonly limit = BAD_VALUE_SAMPLES) {}

  /** `message` is only called for the rows that are listed. */
  add(line: number, message: () => string): void {
    if (this.count < this.limit) this.items.push({ line, message: message() });
    else if (this.count === this.limit) this.firstUnlistedLine = line;
    this.count++;
  }

  /** The listed diagnostics, then one summary built by `summary(more)` when rows were left out. */
  emit(
    file: string,
    severity: Severity,
    code: string,
    summary: (more: number, firstLine: number) => string,
    into: Diagnostic[],
  ): void {
    for (const item of this.items) into.push(dataDiagnostic(file, item.line, severity, code, item.message));
    const more = this.count - this.items.length;
    if (more > 0) into.push(dataDiagnostic(file, this.firstUnlistedLine, severity, code, summary(more, this.firstUnlistedLine)));
  }
}
