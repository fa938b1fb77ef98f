// Document and range formatting with the core formatter: the canonical layout
// for blocks without syntax errors, everything else left as written (it never
// deletes text). A range formats the blocks it touches.
import type { Range, TextEdit } from 'vscode-languageserver/node';
import { formatEdits, formatRangeEdits } from '../core/format/format';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export function formatDocument(project: ProjectSnapshot, path: string): TextEdit[] {
  const text = project.textOf(path);
  const index = project.lineIndex(path);
  if (text === undefined || !index) return [];
  return formatEdits(text).map((e) => ({ range: spanToRange(index, e.span), newText: e.newText }));
}

export function formatRange(project: ProjectSnapshot, path: string, range: Range): TextEdit[] {
  const text = project.textOf(path);
  const index = project.lineIndex(path);
  if (text === undefined || !index) return [];
  const span = { start: index.offsetAt(range.start), end: index.offsetAt(range.end) };
  return formatRangeEdits(text, span).map((e) => ({ range: spanToRange(index, e.span), newText: e.newText }));
}
