// The outline of a file (segments with their properties) and workspace symbols
// (every segment of every project, matched by a fuzzy query).
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver/node';
import { relative } from 'node:path';
import type { Property, SegmentDecl } from '../core/syntax/ast';
import type { LineIndex } from '../core/text/line-index';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

const MAX_WORKSPACE_SYMBOLS = 1000;

export function documentSymbols(project: ProjectSnapshot, path: string): DocumentSymbol[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  return file.ast.segments.map((decl) => segmentSymbol(decl, index, project.textOf(path) ?? ''));
}

function segmentSymbol(decl: SegmentDecl, index: LineIndex, text: string): DocumentSymbol {
  const range = spanToRange(index, decl.span);
  const selection = decl.id ? spanToRange(index, decl.id.span) : { start: range.start, end: range.start };
  return {
    name: decl.id?.text || '(segment without id)',
    detail: titleOf(decl),
    kind: SymbolKind.Class,
    range,
    selectionRange: selection,
    children: decl.properties.map((p) => propertySymbol(p, index, text)),
  };
}

function propertySymbol(p: Property, index: LineIndex, text: string): DocumentSymbol {
  const body = text.slice(p.keywordSpan.end, p.span.end).replace(/\s+/g, ' ').trim();
  return {
    name: p.kind,
    detail: body.length > 60 ? `${body.slice(0, 59)}…` : body,
    kind: p.kind === 'include' || p.kind === 'exclude' ? SymbolKind.Boolean : SymbolKind.Property,
    range: spanToRange(index, p.span),
    selectionRange: spanToRange(index, p.keywordSpan),
  };
}

function titleOf(decl: SegmentDecl): string | undefined {
  for (const p of decl.properties) if (p.kind === 'title' && p.value?.kind === 'string') return p.value.value;
  return undefined;
}

export function workspaceSymbols(projects: ProjectSnapshot[], query: string, uriFor: (path: string) => string): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const project of projects) {
    for (const { file: path, decl } of project.segments()) {
      if (!decl.id || decl.id.text === '') continue;
      const title = titleOf(decl);
      if (!fuzzyMatch(query, decl.id.text) && !(title && fuzzyMatch(query, title))) continue;
      const index = project.lineIndex(path);
      if (!index) continue;
      out.push({
        name: decl.id.text,
        kind: SymbolKind.Class,
        containerName: relative(project.config.root, path) || path,
        location: { uri: uriFor(path), range: spanToRange(index, decl.id.span) },
      });
      if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
    }
  }
  return out;
}

/** The query's characters appear in order, ignoring case and `_`: `abcart` finds `abandoned_cart`. */
export function fuzzyMatch(query: string, candidate: string): boolean {
  const q = query.toLowerCase().replace(/[\s_]/g, '');
  const c = candidate.toLowerCase();
  let i = 0;
  for (let j = 0; j < c.length && i < q.length; j++) if (c[j] === q[i]) i++;
  return i === q.length;
}
