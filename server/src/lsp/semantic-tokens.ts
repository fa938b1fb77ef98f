// Semantic highlighting. The lexer gives every token; the AST says what each
// name is (keywords are contextual: `title` may be an attribute), so names are
// classified from the tree and everything else from its token type.
import { tokenMatcher, type IToken } from 'chevrotain';
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node';
import * as T from '../core/syntax/tokens';
import type { SegmentFile } from '../core/syntax/ast';
import type { Catalog } from '../core/sample/catalog-types';
import { attributePaths, eventRefs, segmentRefs } from './ast-lookup';
import { fieldsInScope } from './catalog-lookup';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

/** `date` is our own type; clients without a mapping for it fall back to no colour, so it declares `number` as its super type in the extension. */
export const TOKEN_TYPES = ['keyword', 'property', 'parameter', 'event', 'class', 'enumMember', 'string', 'number', 'date', 'comment', 'operator'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'deprecated'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
interface Classified {
  type: TokenType;
  modifiers: number;
}

const DECLARATION = 1 << 0;
const DEPRECATED = 1 << 1;

/**
 * The tokens of the file, or of the tokens starting inside `range` (the editor
 * asks for the visible part first on big files; the encoding is the same, with
 * positions relative to the previous token sent).
 */
export function semanticTokens(project: ProjectSnapshot, path: string, range?: Range): SemanticTokens {
  const text = project.textOf(path);
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (text === undefined || !file || !index) return { data: [] };
  const names = classifyNames(file.ast, project.catalog);
  const lexed = T.segmentLexer.tokenize(text);
  const all: { start: number; length: number; c: Classified }[] = [];
  for (const tok of lexed.tokens) {
    const c = names.get(tok.startOffset) ?? classifyToken(tok);
    if (c) all.push({ start: tok.startOffset, length: tok.image.length, c });
  }
  for (const tok of lexed.groups.comments ?? []) all.push({ start: tok.startOffset, length: tok.image.length, c: { type: 'comment', modifiers: 0 } });
  all.sort((a, b) => a.start - b.start);
  const from = range ? index.offsetAt(range.start) : 0;
  const to = range ? index.offsetAt(range.end) : text.length;

  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of all) {
    if (t.length === 0 || t.start < from || t.start >= to) continue;
    const pos = index.positionAt(t.start);
    // Tokens never span lines (strings, names and comments end at a line break); clamp to the line anyway.
    const lineEnd = index.lineEnd(pos.line) - index.lineStart(pos.line);
    const length = Math.min(t.length, lineEnd - pos.character);
    if (length <= 0) continue;
    data.push(pos.line - prevLine, pos.line === prevLine ? pos.character - prevChar : pos.character, length, TOKEN_TYPES.indexOf(t.c.type), t.c.modifiers);
    prevLine = pos.line;
    prevChar = pos.character;
  }
  return { data };
}

function classifyNames(ast: SegmentFile, catalog: Catalog | undefined): Map<number, Classified> {
  const names = new Map<number, Classified>();
  for (const s of ast.segments) {
    if (s.id) names.set(s.id.span.start, { type: 'class', modifiers: DECLARATION });
    for (const p of s.properties) {
      if (p.kind === 'tags') for (const t of p.tags) names.set(t.span.start, { type: 'enumMember', modifiers: 0 });
    }
  }
  for (const r of segmentRefs(ast)) names.set(r.name.span.start, { type: 'class', modifiers: 0 });
  for (const d of eventRefs(ast)) names.set(d.event.span.start, { type: 'event', modifiers: 0 });
  for (const { path, scope } of attributePaths(ast)) {
    const field = fieldsInScope(catalog, scope).get(path.text);
    const modifiers = field?.deprecated !== undefined ? DEPRECATED : 0;
    const type: TokenType = scope.kind === 'profile' ? 'property' : 'parameter';
    for (const part of path.parts) names.set(part.span.start, { type, modifiers });
  }
  return names;
}

function classifyToken(tok: IToken): Classified | undefined {
  const c = (type: TokenType): Classified => ({ type, modifiers: 0 });
  if (tokenMatcher(tok, T.StringLiteral) || tokenMatcher(tok, T.BadString)) return c('string');
  if (tokenMatcher(tok, T.NumberLiteral)) return c('number');
  if (tokenMatcher(tok, T.DateLiteral) || tokenMatcher(tok, T.DateTimeLiteral)) return c('date');
  if (tokenMatcher(tok, T.CompareOperator)) return c('operator');
  if (T.KEYWORD_TOKENS.has(tok.tokenType)) return c('keyword');
  return undefined;
}
