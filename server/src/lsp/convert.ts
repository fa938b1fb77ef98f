// Core shapes (spans, diagnostics, fixes) to protocol shapes (ranges, LSP diagnostics).
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Range,
} from 'vscode-languageserver/node';
import type { Diagnostic, Severity } from '../core/base/diagnostics';
import type { Span } from '../core/base/span';
import type { LineIndex } from '../core/text/line-index';

export const DIAGNOSTIC_SOURCE = 'segments';

export function spanToRange(index: LineIndex, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/**
 * `indexFor` gives the text of any file a diagnostic or its related information
 * points into; undefined when the file cannot be read (then line 0 is used).
 */
export function toLspDiagnostic(
  d: Diagnostic,
  indexFor: (path: string) => LineIndex | undefined,
  uriFor: (path: string) => string,
): LspDiagnostic {
  let range: Range;
  if (d.position) {
    range = { start: d.position, end: d.position };
  } else {
    const index = indexFor(d.file);
    range = index ? spanToRange(index, d.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  }
  const out: LspDiagnostic = {
    range,
    severity: toLspSeverity(d.severity),
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.code === 'deprecated-attribute') out.tags = [DiagnosticTag.Deprecated];
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => {
      const index = indexFor(r.file);
      return {
        location: {
          uri: uriFor(r.file),
          range: index ? spanToRange(index, r.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
        message: r.message,
      };
    });
  }
  return out;
}
