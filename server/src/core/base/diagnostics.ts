// The one shape every problem the core finds takes, whoever reports it
// (parser, config validation, sample loader, checker). Consumers (CLI, language
// server) turn spans into line/column with the file's text.
import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'info';

/** A text replacement in the diagnostic's own file. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** A fix the editor can offer as a quick fix ("Change to `city`"). */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInformation {
  file: string;
  span: Span;
  message: string;
}

export interface Diagnostic {
  /** Absolute path of the file the span points into. */
  file: string;
  span: Span;
  severity: Severity;
  /** Stable, kebab-case: `unknown-attribute`. Listed in docs/language.md. */
  code: string;
  /** Plain English, one sentence or two; names in backticks. */
  message: string;
  fixes?: Fix[];
  related?: RelatedInformation[];
  /**
   * Line/column given directly, for files whose text is not kept in memory
   * (a 2 GB sample). When set it wins over `span`, which is then {0, 0}.
   */
  position?: { line: number; character: number };
}

export function diagnostic(
  file: string,
  span: Span,
  severity: Severity,
  code: string,
  message: string,
  extra: { fixes?: Fix[]; related?: RelatedInformation[] } = {},
): Diagnostic {
  const d: Diagnostic = { file, span, severity, code, message };
  if (extra.fixes && extra.fixes.length > 0) d.fixes = extra.fixes;
  if (extra.related && extra.related.length > 0) d.related = extra.related;
  return d;
}

/** Errors first, then by file and position: the order every report uses. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.span.start !== b.span.start) return a.span.start - b.span.start;
  return a.span.end - b.span.end;
}
