// Folding: each segment block, each include/exclude that spans lines, and runs
// of two or more comment lines.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export function foldingRanges(project: ProjectSnapshot, path: string): FoldingRange[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  const ranges: FoldingRange[] = [];
  const lineOf = (offset: number): number => index.positionAt(offset).line;
  for (const decl of file.ast.segments) {
    const start = lineOf(decl.span.start);
    // Keep the closing brace visible, as editors do for braces.
    const end = decl.closed ? lineOf(Math.max(decl.span.start, decl.span.end - 1)) - 1 : lineOf(decl.span.end);
    if (end > start) ranges.push({ startLine: start, endLine: end });
    for (const p of decl.properties) {
      if (p.kind !== 'include' && p.kind !== 'exclude') continue;
      const ps = lineOf(p.span.start);
      const pe = lineOf(p.span.end);
      if (pe > ps) ranges.push({ startLine: ps, endLine: pe });
    }
  }
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart >= 0 && runEnd > runStart) ranges.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
  };
  for (const c of file.ast.comments) {
    const line = lineOf(c.span.start);
    const ownLine = index.lineText(line).trimStart().startsWith('#');
    if (ownLine && line === runEnd + 1 && runStart >= 0) {
      runEnd = line;
    } else {
      flush();
      runStart = ownLine ? line : -1;
      runEnd = ownLine ? line : -1;
    }
  }
  flush();
  return ranges.sort((a, b) => a.startLine - b.startLine);
}
