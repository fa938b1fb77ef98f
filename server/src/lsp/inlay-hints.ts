// Per-condition counts: after each top-level `and` condition of include, how
// many profiles remain and their share of the sample (` → 1,830 · 36.6%`),
// after each alternative of an `or` group written over several lines how many
// of those reaching the group it holds for, and after the exclude how many are
// left. Shows where the audience narrows. While some conditions are broken,
// the intact ones keep their hints, counted without the broken ones.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import { formatCount, formatShare } from '../core/text/numbers';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { stepLabel } from '../core/workspace/size-words';

export function inlayHints(project: ProjectSnapshot, path: string, range: Range): InlayHint[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  const from = index.offsetAt(range.start);
  const to = index.offsetAt(range.end);
  const hints: InlayHint[] = [];
  const hint = (offset: number, label: string, tooltip: string): void => {
    if (offset < from || offset > to) return;
    hints.push({ position: index.positionAt(offset), label: ` ${label}`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip });
  };
  for (const decl of file.ast.segments) {
    if (decl.span.end < from || decl.span.start > to) continue;
    const size = project.size(decl);
    if (size.kind !== 'sized' && size.kind !== 'partial') continue;
    const includeSteps = size.funnel.filter((s) => s.kind === 'include').length;
    let before = size.total;
    for (const step of size.funnel) {
      const reaching = before;
      before = step.remaining;
      // One include condition alone (and nothing left out) says no more than the CodeLens.
      if (step.kind === 'include' && includeSteps < 2 && size.kind === 'sized') continue;
      const after = step.kind === 'include' ? 'this condition' : 'the exclude';
      hint(step.span.end, stepLabel(step.remaining, size.total),
        `${formatCount(step.remaining)} of ${formatCount(size.total)} profiles (${formatShare(step.remaining, size.total)}) remain after ${after}` +
          (size.kind === 'partial' ? ', counted without the conditions that have errors' : ''));
      // Alternatives of an `or` written over several lines: each one's reach, at the end of its line.
      if (!step.branches) continue;
      const lines = new Set(step.branches.map((b) => index.positionAt(b.span.end).line));
      if (lines.size < 2) continue;
      for (const b of step.branches.slice(0, -1)) {
        const verb = step.kind === 'include' ? 'hold for' : 'would take out';
        hint(b.span.end, `∨ ${formatCount(b.matching)}`, `this alternative alone would ${verb} ${formatCount(b.matching)} of the ${formatCount(reaching)} profiles reaching it`);
      }
    }
  }
  return hints;
}
