// Document formatting with the core formatter: the canonical layout for blocks
// without syntax errors, everything else left as written (it never deletes text).
import type { TextEdit } from 'vscode-languageserver/node';
import { formatEdits } from '../core/format/format';
import { spanToRange } from './convert';
import type { ProjectState } from './project-state';

export function formatDocument(project: ProjectState, path: string): TextEdit[] {
  const text = project.textOf(path);
  const index = project.lineIndex(path);
  if (text === undefined || !index) return [];
  return formatEdits(text).map((e) => ({ range: spanToRange(index, e.span), newText: e.newText }));
}
