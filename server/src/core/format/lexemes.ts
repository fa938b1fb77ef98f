// Every piece of non-whitespace text in a file, in order: tokens, comments and
// characters the lexer could not place (it skips them; the formatter must not).
import type { IToken } from 'chevrotain';
import { lexSegments } from '../syntax/lexer';
import { trimEndWhere } from '../text/safe-text';

export interface Lexeme {
  kind: 'token' | 'comment' | 'unlexed';
  /** Chevrotain token type name for tokens; '' otherwise. */
  type: string;
  image: string;
  start: number;
  end: number;
}

export function lexemesOf(text: string): Lexeme[] {
  // The parser's lexer: the same tokens as tokens.ts's `segmentLexer`, faster.
  const lexed = lexSegments(text);
  const tokens: Lexeme[] = lexed.tokens.map((t: IToken) => ({
    kind: 'token' as const,
    type: t.tokenType.name,
    image: t.image,
    start: t.startOffset,
    end: t.startOffset + t.image.length,
  }));
  const comments: Lexeme[] = lexed.comments.map((t: IToken) => ({
    kind: 'comment' as const,
    type: '',
    image: t.image,
    start: t.startOffset,
    end: t.startOffset + t.image.length,
  }));
  // Whitespace the lexer does not know (U+2028, U+3000, …) matches no pattern at all.
  const unlexed: Lexeme[] = lexed.errors.map((e) => ({
    kind: 'unlexed' as const,
    type: '',
    image: text.slice(e.offset, e.offset + e.length),
    start: e.offset,
    end: e.offset + e.length,
  }));
  return mergeByStart(mergeByStart(tokens, comments), unlexed);
}

function mergeByStart(a: Lexeme[], b: Lexeme[]): Lexeme[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Lexeme[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/**
 * What the formatter promises to keep: every lexeme's kind and text, in order.
 * Comments compare without trailing whitespace, which the formatter trims.
 */
export function sameLexemes(a: Lexeme[], b: Lexeme[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.kind !== y.kind || x.type !== y.type) return false;
    if (x.kind === 'comment' ? trimComment(x.image) !== trimComment(y.image) : x.image !== y.image) return false;
  }
  return true;
}

/** A comment without the spaces and tabs after it (only what the lexer itself counts as whitespace). */
export function trimComment(image: string): string {
  return trimEndWhere(image, isCommentSpace);
}

function isCommentSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 12 || code === 11 || code === 0xa0 || code === 0xfeff;
}

const NEWLINE = /\r\n|\r|\n/g;

/** Line breaks in a stretch of whitespace. */
export function countNewlines(text: string, from: number, to: number): number {
  const gap = text.slice(from, to);
  return gap.match(NEWLINE)?.length ?? 0;
}
