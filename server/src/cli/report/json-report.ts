// `check --format json`: one array of { file, line, column, severity, code, message },
// lines and columns 1-based (docs/ci.md#json-shapes). Also carries end positions
// and fixes as extra keys, which readers of the documented keys ignore.
import { relative } from 'node:path';
import type { Diagnostic } from '../../core/base/diagnostics';
import type { SourcePositions } from '../../core/text/source-positions';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  endLine: number;
  endColumn: number;
}

export function toJsonDiagnostics(diagnostics: Diagnostic[], positions: SourcePositions, cwd: string): JsonDiagnostic[] {
  return diagnostics.map((d) => {
    const r = positions.resolve(d);
    return {
      file: relative(cwd, d.file) || d.file,
      line: r.line,
      column: r.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      endLine: r.endLine,
      endColumn: r.endColumn,
    };
  });
}
