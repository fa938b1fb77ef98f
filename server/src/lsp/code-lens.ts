// Above each segment: its size in the sample and, with a population, the
// estimated real size. Recomputed for every request (cheap: the evaluator
// caches per condition); the server asks the client to re-request after each
// analysis with workspace/codeLens/refresh.
import type { CodeLens } from 'vscode-languageserver/node';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { estimateTitle, sizeTitle } from './size-text';

/** The command id clients may implement to show a segment's details; the lens works without it. */
export const SIZE_COMMAND = '';

export function codeLenses(project: ProjectSnapshot, path: string): CodeLens[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  const lenses: CodeLens[] = [];
  for (const decl of file.ast.segments) {
    const range = spanToRange(index, { start: decl.span.start, end: decl.id?.span.end ?? decl.span.start });
    const size = project.size(decl);
    // Without a sample there is nothing to preview; a lens on every block saying so would be noise.
    if (size.kind === 'no-sample' && size.problem === 'none') continue;
    lenses.push({ range, command: { title: sizeTitle(size, project), command: SIZE_COMMAND } });
    const estimate = estimateTitle(size);
    if (estimate) lenses.push({ range, command: { title: estimate, command: SIZE_COMMAND } });
  }
  return lenses;
}
