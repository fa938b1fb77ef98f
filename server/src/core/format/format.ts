// Formats a whole `.segment` file: error-free blocks in the canonical layout,
// everything else (blocks with syntax errors, stray text) exactly as written,
// comments kept in place. A final guard re-lexes the result and gives the
// input back unchanged if a single token or comment differs.
import type { SegmentDecl } from '../syntax/ast';
import type { Span } from '../base/span';
import type { TextEdit } from '../base/diagnostics';
import { parseSegments } from '../syntax/parser';
import { applyEdits } from '../text/edits';
import { blockDoc } from './block-doc';
import { countNewlines, lexemesOf, sameLexemes, trimComment, type Lexeme } from './lexemes';
import { countLineEnds, dominantLineEnding, type LineEnding } from './line-endings';
import { printDoc, type LayoutWork } from './print-doc';
import { recheckBlock } from './recheck-block';
import { TokenCursor, attachComments } from './token-cursor';

type Item =
  | { kind: 'block'; decl: SegmentDecl; lexemes: Lexeme[]; start: number; end: number }
  | { kind: 'comment'; image: string; start: number; end: number }
  /** Text outside any block that is not a comment: kept as written. */
  | { kind: 'stray'; start: number; end: number };

export interface FormatReport {
  text: string;
  /** The layout changed a token or comment, so the input was returned unchanged. Never expected. */
  guardTripped: boolean;
  /** Blocks without syntax errors that could not be laid out and were left as written. Never expected. */
  blocksLeftAsWritten: number;
  /** Steps the layout of every block took (print-doc.ts LayoutWork): grows with the file's size, never with its square. */
  layoutSteps: number;
}

/** The whole file in canonical layout. */
export function formatSegments(text: string): string {
  return formatSegmentsWithReport(text).text;
}

/**
 * The edits that turn `text` into its formatted form: none when it is already
 * formatted, otherwise one edit replacing the stretch between the unchanged
 * beginning and the unchanged end of the file.
 */
export function formatEdits(text: string): TextEdit[] {
  const edit = minimalEdit(text, formatSegments(text), 0);
  return edit ? [edit] : [];
}

/**
 * Range formatting: every block that overlaps `range` in the canonical layout,
 * the rest of the file (other blocks, the space between blocks) as written. A
 * block is laid out whole, as a selection inside it cannot be laid out alone.
 */
export function formatRangeEdits(text: string, range: Span): TextEdit[] {
  try {
    const { lexemes, items, rendered, eol } = renderItems(text);
    const edits: TextEdit[] = [];
    items.forEach((item, i) => {
      if (item.kind !== 'block' || rendered[i].verbatim || item.end < range.start || item.start > range.end) return;
      const edit = minimalEdit(text.slice(item.start, item.end), rendered[i].text.replace(/\n/g, eol), item.start);
      if (edit) edits.push(edit);
    });
    // The same guard as for whole files: the edits may change whitespace only.
    return sameLexemes(lexemes, lexemesOf(applyEdits(text, edits))) ? edits : [];
  } catch {
    return [];
  }
}

/** One edit turning `before` into `after`, cut to the part between their common start and end; offsets shifted by `offset`. */
function minimalEdit(before: string, after: string, offset: number): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF between kept and replaced text.
  while (start > 0 && splitsPair(before, start)) start--;
  while (end > 0 && splitsPair(before, before.length - end)) end--;
  return { span: { start: offset + start, end: offset + before.length - end }, newText: after.slice(start, after.length - end) };
}

function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
}

export function formatSegmentsWithReport(text: string): FormatReport {
  try {
    return formatChecked(text);
  } catch {
    // Nothing below is expected to throw; if it ever does, the file stays as it is
    // rather than the language server failing the request.
    return { text, guardTripped: true, blocksLeftAsWritten: 0, layoutSteps: 0 };
  }
}

/** The file cut into items, each rendered: blocks laid out (with `\n`), everything else verbatim. */
function renderItems(text: string) {
  const lexemes = lexemesOf(text);
  const items = collectItems(text, lexemes);
  let blocksLeftAsWritten = 0;
  const work: LayoutWork = { steps: 0 };

  const rendered = items.map((item) => {
    if (item.kind === 'comment') return { text: trimComment(item.image), verbatim: false };
    if (item.kind === 'block') item.decl = recheckBlock(item.decl, text, item.start, item.end);
    if (item.kind === 'block' && !item.decl.hasSyntaxError && item.decl.closed) {
      const lines = layoutBlock(item, text, work);
      if (lines) return { text: lines.join('\n'), verbatim: false };
      blocksLeftAsWritten++;
    }
    return { text: text.slice(item.start, item.end), verbatim: true };
  });
  const eol = lineEndingFor(text, items, rendered.map((r) => r.verbatim));
  return { lexemes, items, rendered, eol, blocksLeftAsWritten, layoutSteps: work.steps };
}

function formatChecked(text: string): FormatReport {
  const { lexemes, items, rendered, eol, blocksLeftAsWritten, layoutSteps } = renderItems(text);
  let out = text.startsWith('\ufeff') && items.length > 0 ? '\ufeff' : '';
  items.forEach((item, i) => {
    if (i > 0) out += separator(text, items[i - 1], item).replace(/\n/g, eol);
    const r = rendered[i];
    out += r.verbatim ? r.text : r.text.replace(/\n/g, eol);
  });
  if (items.length > 0) out += eol;

  if (!sameLexemes(lexemes, lexemesOf(out))) return { text, guardTripped: true, blocksLeftAsWritten, layoutSteps };
  return { text: out, guardTripped: false, blocksLeftAsWritten, layoutSteps };
}

function layoutBlock(item: Extract<Item, { kind: 'block' }>, text: string, work: LayoutWork): string[] | undefined {
  try {
    return printDoc(blockDoc(item.decl, new TokenCursor(attachComments(item.lexemes, text))), work);
  } catch {
    // The AST and the tokens disagree (a parser change the formatter does not know
    // yet): leaving the block as written is always safe.
    return undefined;
  }
}

/**
 * Cuts the file into blocks, comments between blocks and stray text. Comments
 * right after a block whose closing brace is missing stay with that block: the
 * user may still be writing it.
 */
function collectItems(text: string, lexemes: Lexeme[]): Item[] {
  const decls = parseSegments(text, 'format').ast.segments;
  const items: Item[] = [];
  /** Comments after stray text: they join it if more stray text follows. */
  let pendingComments: Lexeme[] = [];
  let d = 0;
  const flushComments = () => {
    for (const c of pendingComments) items.push({ kind: 'comment', image: c.image, start: c.start, end: c.end });
    pendingComments = [];
  };
  for (const lx of lexemes) {
    while (d < decls.length && decls[d].span.end <= lx.start) d++;
    const decl = decls[d];
    const last = items[items.length - 1];
    if (decl && lx.start >= decl.span.start) {
      flushComments();
      if (last?.kind === 'block' && last.decl === decl) {
        last.lexemes.push(lx);
        last.end = Math.max(last.end, lx.end);
      } else {
        items.push({ kind: 'block', decl, lexemes: [lx], start: Math.min(lx.start, decl.span.start), end: Math.max(lx.end, decl.span.end) });
      }
    } else if (lx.kind === 'comment') {
      if (last?.kind === 'block' && !last.decl.closed && pendingComments.length === 0) {
        last.end = lx.end;
      } else if (last?.kind === 'stray') {
        pendingComments.push(lx);
      } else {
        items.push({ kind: 'comment', image: lx.image, start: lx.start, end: lx.end });
      }
    } else if (last?.kind === 'stray') {
      last.end = lx.end;
      pendingComments = [];
    } else {
      flushComments();
      items.push({ kind: 'stray', start: lx.start, end: lx.end });
    }
  }
  flushComments();
  return items;
}

/** Whitespace between two top-level items. */
function separator(text: string, prev: Item, next: Item): string {
  const newlines = countNewlines(text, prev.end, next.start);
  if (next.kind === 'comment' && newlines === 0) return ' ';
  if (prev.kind === 'block') return '\n\n';
  return newlines >= 2 ? '\n\n' : '\n';
}

/**
 * The line ending used outside verbatim text. Counting only there keeps the
 * choice stable: the formatted output uses it everywhere outside verbatim text.
 */
function lineEndingFor(text: string, items: Item[], verbatim: boolean[]): LineEnding {
  const counts = { crlf: 0, lf: 0 };
  const add = (span: Span) => {
    const c = countLineEnds(text, span.start, span.end);
    counts.crlf += c.crlf;
    counts.lf += c.lf;
  };
  let from = 0;
  items.forEach((item, i) => {
    if (!verbatim[i]) return;
    add({ start: from, end: item.start });
    from = item.end;
  });
  add({ start: from, end: text.length });
  if (counts.crlf + counts.lf === 0) return dominantLineEnding(countLineEnds(text, 0, text.length));
  return dominantLineEnding(counts);
}
