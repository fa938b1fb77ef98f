// Parses a `.segment` file: lexes it, cuts the tokens into `segment … { … }`
// blocks, and runs the grammar on each block separately. Never throws: every
// problem becomes a Diagnostic and the AST holds whatever could be read.
import { createTokenInstance, tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import { closest, distance } from 'fastest-levenshtein';
import type { Comment, Name, SegmentDecl, SegmentFile } from './ast';
import type { Span } from '../base/span';
import { diagnostic, type Diagnostic } from '../base/diagnostics';
import { blockKey, type BlockCache } from './block-cache';
import { SegmentGrammar } from './grammar';
import { lexSegments } from './lexer';
import * as T from './tokens';

export interface ParseResult {
  ast: SegmentFile;
  diagnostics: Diagnostic[];
}

/** Deeper nesting than this is refused before parsing (no human writes it; it would exhaust the stack). */
export const MAX_NESTING = 100;

export const PROPERTY_KEYWORDS = ['title', 'description', 'owner', 'tags', 'include', 'exclude'] as const;

let sharedGrammar: SegmentGrammar | undefined;
function grammar(): SegmentGrammar {
  sharedGrammar ??= new SegmentGrammar();
  return sharedGrammar;
}

/**
 * `cache`: pass the same BlockCache for every version of one file (an editor's
 * document) and blocks whose text did not change are not parsed again; the
 * result is the same as without it.
 */
export function parseSegments(text: string, file: string, cache?: BlockCache): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = lexSegments(text);
  const comments: Comment[] = lexed.comments.map((t: IToken) => ({
    text: t.image,
    span: { start: t.startOffset, end: t.startOffset + t.image.length },
  }));
  const tokens = cleanTokens(lexed.tokens, file, diagnostics);
  // Characters no token starts with: the lexer skips them and reports each run.
  for (const err of lexed.errors) {
    const image = text.slice(err.offset, err.offset + err.length);
    const hint = image.startsWith("'") ? ': text values go in double quotes' : /^[&|]/.test(image) ? ': write `and` / `or`' : '';
    diagnostics.push(diagnostic(file, { start: err.offset, end: err.offset + err.length }, 'error', 'unexpected-character',
      `unexpected character${err.length > 1 ? 's' : ''} \`${image.length > 20 ? `${image.slice(0, 20)}…` : image}\`${hint}`));
  }

  // Problems found before parsing (bad characters, strings, names): a block holding one has an error.
  const lexical = diagnostics.map((d) => d.span.start);
  const segments: SegmentDecl[] = [];
  const blocks = splitBlocks(tokens);
  if (blocks.leading.length > 0) {
    const first = blocks.leading[0];
    const last = blocks.leading[blocks.leading.length - 1];
    diagnostics.push(
      diagnostic(file, { start: first.startOffset, end: tokenEnd(last) }, 'error', 'syntax-error',
        'expected `segment`: a file holds blocks like `segment my_audience { include … }`'),
    );
  }
  if (cache) {
    cache.begin(file);
    const lexErrorStarts = new Set(lexed.errors.map((e) => e.offset));
    for (const block of blocks.blocks) {
      const last = block[block.length - 1];
      const key = blockKey(text, block, lexErrorStarts.has(tokenEnd(last)));
      let decl = cache.reuse(key, block, diagnostics);
      if (!decl) {
        const before = diagnostics.length;
        decl = parseBlock(block, text, file, diagnostics, lexical);
        cache.remember(key, block, decl, diagnostics.slice(before));
      }
      segments.push(decl);
    }
  } else {
    for (const block of blocks.blocks) segments.push(parseBlock(block, text, file, diagnostics, lexical));
  }
  return {
    ast: { segments, comments, span: { start: 0, end: text.length } },
    diagnostics,
  };
}

function tokenEnd(tok: IToken): number {
  return tok.startOffset + tok.image.length;
}

/** Reports lexical problems and turns the offending tokens into ones the grammar can continue with. */
function cleanTokens(raw: IToken[], file: string, out: Diagnostic[]): IToken[] {
  let tokens: IToken[] | undefined;
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i];
    if (tok.tokenType !== T.BadString && tok.tokenType !== T.UnterminatedBacktick) {
      tokens?.push(tok);
      continue;
    }
    // The first bad token: copy the good ones before it (most files have none, and no copy).
    tokens ??= raw.slice(0, i);
    const span = { start: tok.startOffset, end: tokenEnd(tok) };
    if (tok.tokenType === T.BadString) {
      const closed = tok.image.length > 1 && tok.image.endsWith('"');
      const message = closed
        ? 'this text has an invalid escape: use \\" \\\\ \\n \\t or \\uXXXX'
        : 'this text is missing its closing `"`';
      out.push(diagnostic(file, span, 'error', closed ? 'invalid-escape' : 'unterminated-string', message));
      tokens.push({ ...tok, tokenType: T.StringLiteral, tokenTypeIdx: T.StringLiteral.tokenTypeIdx! });
      continue;
    }
    if (tok.tokenType === T.UnterminatedBacktick) {
      out.push(diagnostic(file, span, 'error', 'unterminated-name', 'this name is missing its closing backtick `` ` ``'));
      tokens.push({ ...tok, tokenType: T.BacktickName, tokenTypeIdx: T.BacktickName.tokenTypeIdx! });
    }
  }
  return tokens ?? raw;
}

interface Blocks {
  leading: IToken[];
  blocks: IToken[][];
}

/**
 * A block starts at `segment` outside any braces, or at `segment NAME {` anywhere
 * (that cannot be a reference inside a condition): a forgotten `}` then costs
 * one block, not the rest of the file.
 */
function splitBlocks(tokens: IToken[]): Blocks {
  const leading: IToken[] = [];
  const blocks: IToken[][] = [];
  let current: IToken[] | undefined;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const startsBlock =
      tok.tokenType === T.Segment &&
      (depth <= 0 ||
        (tokens[i + 1] !== undefined && tokenMatcher(tokens[i + 1], T.Name) && tokens[i + 2]?.tokenType === T.LBrace));
    if (startsBlock) {
      current = [];
      blocks.push(current);
      depth = 0;
    }
    if (tok.tokenType === T.LBrace) depth++;
    else if (tok.tokenType === T.RBrace) depth--;
    (current ?? leading).push(tok);
  }
  return { leading, blocks };
}

function parseBlock(block: IToken[], text: string, file: string, out: Diagnostic[], lexicalStarts: number[]): SegmentDecl {
  const blockSpan: Span = { start: block[0].startOffset, end: tokenEnd(block[block.length - 1]) };
  const before = out.length;
  const tooDeep = findTooDeep(block);
  if (tooDeep) {
    out.push(diagnostic(file, { start: tooDeep.startOffset, end: tokenEnd(tooDeep) }, 'error', 'too-deeply-nested',
      `conditions are nested more than ${MAX_NESTING} levels deep here; split them into separate segments`));
    // Still named, so a size report can list it with its reason instead of dropping it.
    return { kind: 'segment', id: blockId(block), properties: [], span: blockSpan, hasSyntaxError: true, closed: false };
  }
  // A block whose braces never close gets a stand-in `}` at its end, so the grammar
  // keeps what it read; the missing brace is reported once, here.
  const closed = closesItsBraces(block);
  const input = closed ? block : [...block, standInBrace(blockSpan.end)];
  const g = grammar();
  g.literalProblems = [];
  g.resetBlock(blockSpan.end);
  g.input = input;
  let decl: SegmentDecl | undefined;
  try {
    decl = g.segmentBlock();
  } catch (e) {
    // Chevrotain recovers from ordinary mistakes; this guards against the unexpected
    // (a stack overflow on pathological input) so the server never dies.
    out.push(diagnostic(file, blockSpan, 'error', 'syntax-error', 'this segment could not be read'));
    void e;
  }
  for (const err of g.errors) {
    // Errors about the stand-in brace repeat what missing-brace says.
    if (!closed && err.token?.image === '' && (/`}`/.test(err.message) || err.name === 'NotAllInputParsedException')) continue;
    out.push(describeParseError(err, block, blockSpan, text, file));
  }
  if (!closed) {
    const last = block[block.length - 1];
    const id = block[1] && tokenMatcher(block[1], T.Name) ? ` \`${block[1].image}\`` : '';
    out.push(diagnostic(file, { start: last.startOffset, end: tokenEnd(last) }, 'error', 'missing-brace',
      `segment${id} is missing its closing \`}\``));
  }
  if (decl) decl.closed = closed;
  if (decl && !decl.id) {
    const kw = block[0];
    out.push(diagnostic(file, { start: kw.startOffset, end: tokenEnd(kw) }, 'error', 'syntax-error',
      'expected a segment id after `segment`, such as `segment my_audience {`'));
  }
  for (const p of g.literalProblems) {
    const edit = (p.code === 'unquoted-text' && singleQuotedFix(text, p.span)) || (p.fix && { ...p.fix, span: p.span });
    out.push(diagnostic(file, p.span, 'error', p.code, p.message, edit ? { fixes: [{ title: edit.title, edits: [{ span: edit.span, newText: edit.newText }] }] } : {}));
  }
  const hasError =
    out.slice(before).some((d) => d.severity === 'error') ||
    lexicalStarts.some((start) => start >= blockSpan.start && start < blockSpan.end);
  if (!decl) return { kind: 'segment', id: undefined, properties: [], span: blockSpan, hasSyntaxError: true, closed: false };
  decl.span = { start: blockSpan.start, end: Math.max(decl.span.end, blockSpan.end) };
  decl.hasSyntaxError = hasError;
  return decl;
}

/**
 * `'mobile'`: the word sits between single quotes (which the lexer skipped as
 * unexpected characters), so the fix replaces the quotes too, with everything
 * between them on that line: `"mobile"`, `"New York"`.
 */
function singleQuotedFix(text: string, word: Span): { title: string; span: Span; newText: string } | undefined {
  if (text.charCodeAt(word.start - 1) !== 39) return undefined;
  let close = word.end;
  while (close < text.length && text.charCodeAt(close) !== 39 && text.charCodeAt(close) !== 10 && text.charCodeAt(close) !== 13) close++;
  if (text.charCodeAt(close) !== 39) return undefined;
  const newText = JSON.stringify(text.slice(word.start, close));
  return { title: `Put ${newText} in double quotes`, span: { start: word.start - 1, end: close + 1 }, newText };
}

/** The id after `segment`, read from the tokens, for a block the grammar does not read. */
function blockId(block: IToken[]): Name | undefined {
  const tok = block[1];
  if (!tok || !tokenMatcher(tok, T.Name)) return undefined;
  const span = { start: tok.startOffset, end: tokenEnd(tok) };
  if (tok.tokenType !== T.BacktickName) return { text: tok.image, span, quoted: false };
  const closed = tok.image.length > 1 && tok.image.endsWith('`');
  return { text: tok.image.slice(1, closed ? -1 : undefined), span, quoted: true };
}

function closesItsBraces(block: IToken[]): boolean {
  let depth = 0;
  let opened = false;
  for (const tok of block) {
    if (tok.tokenType === T.LBrace) {
      depth++;
      opened = true;
    } else if (tok.tokenType === T.RBrace) {
      depth--;
      if (opened && depth <= 0) return true;
    }
  }
  return false;
}

function standInBrace(offset: number): IToken {
  return createTokenInstance(T.RBrace, '', offset, offset, NaN, NaN, NaN, NaN);
}


/** The first token past MAX_NESTING levels of parentheses or `not`s, if any. */
function findTooDeep(block: IToken[]): IToken | undefined {
  let depth = 0;
  let nots = 0;
  for (const tok of block) {
    if (tok.tokenType === T.LParen) depth++;
    else if (tok.tokenType === T.RParen) depth = Math.max(0, depth - 1);
    if (tok.tokenType === T.Not) nots++;
    else if (tok.tokenType !== T.LParen) nots = 0;
    if (depth + nots > MAX_NESTING) return tok;
  }
  return undefined;
}

const CONDITION_STARTERS = new Set([
  T.Equals, T.NotEquals, T.Less, T.LessEquals, T.Greater, T.GreaterEquals,
  T.In, T.Between, T.Is, T.Contains, T.Starts, T.Ends, T.Before, T.After, T.Within, T.More,
].map((t) => t.name));

function describeParseError(err: IRecognitionException, block: IToken[], blockSpan: Span, text: string, file: string): Diagnostic {
  const tok = err.token;
  const atEnd = !tok || tok.tokenType?.name === 'EOF' || Number.isNaN(tok.startOffset);
  // When what was found sits on a later line, the mistake is at the end of the
  // previous line ("expected a value after `>`"): underline there.
  const prev = previousTokenOf(err);
  const prevUsable = prev !== undefined && !Number.isNaN(prev.startOffset) && typeof prev.image === 'string' && prev.image !== '';
  const foundLater = !atEnd && prevUsable && /[\r\n]/.test(text.slice(tokenEnd(prev), tok.startOffset));
  const span: Span = atEnd
    ? endOfBlockSpan(block, blockSpan, err, text)
    : foundLater
      ? { start: prev.startOffset, end: tokenEnd(prev) }
      : { start: tok.startOffset, end: tokenEnd(tok) };
  const ruleStack = err.context?.ruleStack ?? [];
  const innermost = ruleStack[ruleStack.length - 1];

  if (!atEnd && innermost === 'segmentBlock' && tokenMatcher(tok, T.Name) && !isPropertyKeyword(tok.image)) {
    const idx = block.indexOf(tok);
    const next = idx >= 0 ? block[idx + 1] : undefined;
    const prev = idx > 0 ? block[idx - 1] : undefined;
    if (next && CONDITION_STARTERS.has(next.tokenType.name) && prev && prev.tokenType !== T.LBrace) {
      return diagnostic(file, span, 'error', 'syntax-error',
        `expected \`and\` or \`or\` between conditions, or a new property, before \`${tok.image}\``);
    }
    const suggestion = closest(tok.image.toLowerCase(), [...PROPERTY_KEYWORDS]);
    const near = distance(tok.image.toLowerCase(), suggestion) <= 2;
    return diagnostic(file, span, 'error', 'unknown-property',
      `unknown property \`${tok.image}\`${near ? `; did you mean \`${suggestion}\`?` : ''} A segment has title, description, owner, tags, include and exclude.`,
      near ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span, newText: suggestion }] }] } : {});
  }
  if (atEnd && /expected `}`/.test(err.message)) {
    return diagnostic(file, span, 'error', 'syntax-error', 'this segment is missing its closing `}`');
  }
  return diagnostic(file, span, 'error', 'syntax-error', err.message);
}

function isPropertyKeyword(word: string): boolean {
  return (PROPERTY_KEYWORDS as readonly string[]).includes(word);
}

/** An error at the end of a block sits just after its last token (or on the previous token when inserted). */
function endOfBlockSpan(block: IToken[], blockSpan: Span, err: IRecognitionException, _text: string): Span {
  const prev = previousTokenOf(err);
  if (prev && !Number.isNaN(prev.startOffset) && prev.image) {
    return { start: prev.startOffset, end: tokenEnd(prev) };
  }
  const last = block[block.length - 1];
  return last ? { start: last.startOffset, end: tokenEnd(last) } : blockSpan;
}

/** Chevrotain sets `previousToken` on mismatch and no-viable-alternative errors; the type does not declare it. */
function previousTokenOf(err: IRecognitionException): IToken | undefined {
  return (err as IRecognitionException & { previousToken?: IToken }).previousToken;
}
