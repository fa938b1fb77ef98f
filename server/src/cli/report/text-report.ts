// Human-readable diagnostics in the style of rustc and eslint: the problem, the
// place, the line with a caret under the offending text, and a summary.
import { relative } from 'node:path';
import type { Diagnostic } from '../../core/base/diagnostics';
import type { SourcePositions } from '../../core/text/source-positions';
import { plural } from '../../core/text/numbers';

export interface TextReportOptions {
  cwd: string;
  color: boolean;
}

const COLORS = { error: '\x1b[31;1m', warning: '\x1b[33;1m', info: '\x1b[36;1m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatTextReport(diagnostics: Diagnostic[], positions: SourcePositions, options: TextReportOptions): string {
  const paint = (code: keyof typeof COLORS, s: string) => (options.color ? `${COLORS[code]}${s}${COLORS.reset}` : s);
  const out: string[] = [];
  for (const d of diagnostics) {
    const r = positions.resolve(d);
    const file = relative(options.cwd, d.file) || d.file;
    out.push(`${paint(d.severity, `${d.severity}[${d.code}]`)}${paint('bold', `: ${d.message}`)}`);
    // Laid out as rustc does: the gutter is as wide as the line number.
    const gutter = r.lineText !== undefined ? String(r.line).length : 1;
    const pad = ' '.repeat(gutter);
    out.push(`${pad}${paint('dim', '-->')} ${file}:${r.line}:${r.column}`);
    if (r.lineText !== undefined) {
      const line = r.lineText.replace(/\t/g, ' ');
      const width = r.endLine === r.line ? Math.max(1, r.endColumn - r.column) : Math.max(1, line.length - r.column + 1);
      const shown = excerpt(line, r.column - 1, width);
      out.push(`${pad} ${paint('dim', '|')}`);
      out.push(`${r.line} ${paint('dim', '|')} ${shown.text}`);
      out.push(`${pad} ${paint('dim', '|')} ${' '.repeat(shown.caret)}${paint(d.severity, '^'.repeat(shown.width))}`);
    }
    for (const fix of d.fixes ?? []) out.push(`${pad} ${paint('dim', '= help:')} ${fix.title}`);
    for (const rel of d.related ?? []) {
      const rr = positions.resolve({ ...d, file: rel.file, span: rel.span, position: undefined });
      out.push(`${pad} ${paint('dim', '= note:')} ${rel.message} (${relative(options.cwd, rel.file) || rel.file}:${rr.line}:${rr.column})`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Source lines longer than this are cut to a window around the caret (a generated file may hold 20,000 characters on one line). */
export const MAX_EXCERPT_WIDTH = 120;
/** How much of the line before the caret the window keeps. */
const LEAD = 40;

/** The part of `line` to show, with `…` where it is cut, and where the caret goes in it (0-based) and how wide. */
export function excerpt(line: string, start: number, width: number): { text: string; caret: number; width: number } {
  if (line.length <= MAX_EXCERPT_WIDTH) return { text: line, caret: start, width };
  let from = Math.max(0, start - LEAD);
  const to = Math.min(line.length, from + MAX_EXCERPT_WIDTH);
  from = Math.max(0, to - MAX_EXCERPT_WIDTH);
  const before = from > 0 ? '…' : '';
  const after = to < line.length ? '…' : '';
  return {
    text: `${before}${line.slice(from, to)}${after}`,
    caret: before.length + start - from,
    width: Math.max(1, Math.min(width, to - start)),
  };
}

export function summaryLine(diagnostics: Diagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const files = plural(fileCount, 'file');
  if (errors === 0 && warnings === 0) return `✓ ${files} checked, no problems`;
  const parts = [];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return `${parts.join(', ')} in ${files} checked`;
}
