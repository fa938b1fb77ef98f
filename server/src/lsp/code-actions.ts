// Quick fixes from the fixes the core attaches to diagnostics: every
// "did you mean", deprecated attribute, converted value, swapped range.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../core/base/diagnostics';
import { spanToRange, toLspDiagnostic } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export function codeActions(project: ProjectSnapshot, path: string, params: CodeActionParams, uriFor: (path: string) => string): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === '')) return [];
  const index = project.lineIndex(path);
  if (!index) return [];
  const from = index.offsetAt(params.range.start);
  const to = index.offsetAt(params.range.end);
  const actions: CodeAction[] = [];
  const candidates = project.analysis().diagnostics.filter(
    (d) => d.file === path && d.fixes && d.fixes.length > 0 && d.span.start <= to && d.span.end >= from,
  );
  for (const d of candidates) {
    const lsp = matchingClientDiagnostic(params.context.diagnostics, d, toLspDiagnostic(d, (p) => project.lineIndex(p), uriFor));
    const fixes = d.fixes ?? [];
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: fixes.length === 1,
        edit: { changes: { [uriFor(path)]: fix.edits.map((e) => ({ range: spanToRange(index, e.span), newText: e.newText })) } },
      });
    }
  }
  return actions;
}

/** The client's copy of the diagnostic when it sent one (so the editor links the fix to it), else ours. */
function matchingClientDiagnostic(sent: LspDiagnostic[], d: Diagnostic, ours: LspDiagnostic): LspDiagnostic {
  return (
    sent.find(
      (c) =>
        c.code === d.code &&
        c.range.start.line === ours.range.start.line &&
        c.range.start.character === ours.range.start.character &&
        c.range.end.line === ours.range.end.line &&
        c.range.end.character === ours.range.end.character,
    ) ?? ours
  );
}
