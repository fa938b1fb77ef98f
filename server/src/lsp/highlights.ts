// Document highlights: the other places in this file that name what is under
// the cursor. A segment id: its declaration (write) and every `segment ID` use
// (read). An attribute: every condition on the same path in the same scope
// (profile attributes, or the properties of one event). An event name: every
// `did` of that event.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver/node';
import type { Span } from '../core/base/span';
import { attributePaths, eventRefs, nodeAt, segmentRefs, type Scope } from './ast-lookup';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export function documentHighlights(project: ProjectSnapshot, path: string, offset: number): DocumentHighlight[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  const node = nodeAt(file.ast, offset);
  if (!node) return [];
  const sites: { span: Span; kind: DocumentHighlightKind }[] = [];
  switch (node.kind) {
    case 'segmentRef':
    case 'segmentDecl': {
      const id = node.name.text;
      for (const s of file.ast.segments) if (s.id?.text === id) sites.push({ span: s.id.span, kind: DocumentHighlightKind.Write });
      for (const r of segmentRefs(file.ast)) if (r.name.text === id) sites.push({ span: r.name.span, kind: DocumentHighlightKind.Read });
      break;
    }
    case 'attribute':
      for (const a of attributePaths(file.ast)) {
        if (a.path.text === node.path.text && sameScope(a.scope, node.scope)) sites.push({ span: a.path.span, kind: DocumentHighlightKind.Read });
      }
      break;
    case 'event':
      for (const d of eventRefs(file.ast)) if (d.event.text === node.name.text) sites.push({ span: d.event.span, kind: DocumentHighlightKind.Read });
      break;
  }
  return sites.sort((a, b) => a.span.start - b.span.start).map((s) => ({ range: spanToRange(index, s.span), kind: s.kind }));
}

function sameScope(a: Scope, b: Scope): boolean {
  return a.kind === 'profile' ? b.kind === 'profile' : b.kind === 'event' && a.event === b.event;
}
