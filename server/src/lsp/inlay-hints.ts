// Per-condition counts: after each top-level `and` condition of include, how
// many profiles remain (`→ 1,830`), and after the exclude, how many are left.
// Shows where the audience narrows. Only for segments that have a size.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import { formatCount, formatShare } from '../core/text/numbers';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export function inlayHints(project: ProjectSnapshot, path: string, range: Range): InlayHint[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  const from = index.offsetAt(range.start);
  const to = index.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const decl of file.ast.segments) {
    if (decl.span.end < from || decl.span.start > to) continue;
    const size = project.size(decl);
    if (size.kind !== 'sized') continue;
    const includeSteps = size.funnel.filter((s) => s.kind === 'include').length;
    for (const step of size.funnel) {
      // One include condition alone says no more than the CodeLens.
      if (step.kind === 'include' && includeSteps < 2) continue;
      if (step.span.end < from || step.span.end > to) continue;
      const after = step.kind === 'include' ? 'this condition' : 'the exclude';
      hints.push({
        position: index.positionAt(step.span.end),
        label: `→ ${formatCount(step.remaining)}`,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: `${formatCount(step.remaining)} of ${formatCount(size.total)} profiles (${formatShare(step.remaining, size.total)}) remain after ${after}`,
      });
    }
  }
  return hints;
}
