// Reuse of parsed `segment … { … }` blocks between parses of the same file, so
// an editor re-parses only the block being typed in. A block's parse result
// depends only on its own tokens (the parser runs the grammar on each block
// alone) and on whether a lexer error sits right after its last token; so a
// block whose text and tokens are unchanged gets the earlier result back,
// moved by however far the block moved in the file.
import type { IToken } from 'chevrotain';
import type { SegmentDecl } from './ast';
import type { Diagnostic } from '../base/diagnostics';

interface CachedBlock {
  start: number;
  /** Token types and offsets relative to `start`: the same text can lex differently in another context. */
  tokenShape: readonly unknown[];
  decl: SegmentDecl;
  /** What parsing the block reported, in order. */
  diagnostics: Diagnostic[];
}

/**
 * Parse results of the blocks of one file, from the last parse. Pass the same
 * cache to `parseSegments` for every version of one file; blocks the latest
 * version no longer has are dropped, so it never grows past one file's blocks.
 * The ASTs and diagnostics handed out are the cache's own objects: like every
 * consumer does, treat them as read-only.
 */
export class BlockCache {
  private file: string | undefined;
  private previous = new Map<string, CachedBlock>();
  private current = new Map<string, CachedBlock>();

  /** Starts a parse of `file`: what the previous parse kept becomes available. */
  begin(file: string): void {
    if (this.file !== file) this.current.clear();
    this.file = file;
    this.previous = this.current;
    this.current = new Map();
  }

  /** The earlier result for this block, moved to its new place, or undefined. */
  reuse(key: string, block: IToken[], out: Diagnostic[]): SegmentDecl | undefined {
    const cached = this.previous.get(key);
    if (!cached) return undefined;
    const start = block[0].startOffset;
    if (!sameShape(cached.tokenShape, block, start)) return undefined;
    this.previous.delete(key);
    const delta = start - cached.start;
    const entry: CachedBlock = delta === 0 ? cached : { ...moved(cached, delta), tokenShape: cached.tokenShape, start };
    this.current.set(key, entry);
    for (const d of entry.diagnostics) out.push(d);
    return entry.decl;
  }

  remember(key: string, block: IToken[], decl: SegmentDecl, diagnostics: Diagnostic[]): void {
    const start = block[0].startOffset;
    this.current.set(key, { start, tokenShape: shapeOf(block, start), decl, diagnostics });
  }

  /** Number of blocks kept from the latest parse. */
  get size(): number {
    return this.current.size;
  }
}

/** The cache key of a block: its text, and whether a lexer error starts right after it. */
export function blockKey(text: string, block: IToken[], lexErrorRightAfter: boolean): string {
  const last = block[block.length - 1];
  const slice = text.slice(block[0].startOffset, last.startOffset + last.image.length);
  return lexErrorRightAfter ? `${slice}\u0000` : slice;
}

function shapeOf(block: IToken[], start: number): unknown[] {
  const shape: unknown[] = [];
  for (const tok of block) shape.push(tok.tokenType, tok.startOffset - start);
  return shape;
}

function sameShape(shape: readonly unknown[], block: IToken[], start: number): boolean {
  if (shape.length !== block.length * 2) return false;
  for (let i = 0; i < block.length; i++) {
    if (shape[2 * i] !== block[i].tokenType || shape[2 * i + 1] !== block[i].startOffset - start) return false;
  }
  return true;
}

function moved(block: CachedBlock, delta: number): { decl: SegmentDecl; diagnostics: Diagnostic[] } {
  return {
    decl: shifted(block.decl, delta) as SegmentDecl,
    diagnostics: block.diagnostics.map((d) => shifted(d, delta) as Diagnostic),
  };
}

/** The AST (ast.ts) and diagnostics hold spans under `span` and keys ending in `Span` (`keywordSpan`, `opSpan`, …). */
function isSpanKey(key: string): boolean {
  return key === 'span' || key.endsWith('Span');
}

/**
 * A deep copy with every span moved by `delta`. ASTs and diagnostics are plain
 * trees of objects, arrays and primitives, with spans under span keys only (isSpanKey).
 */
function shifted(value: unknown, delta: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = shifted(value[i], delta);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key in record) {
    const field = record[key];
    if (isSpanKey(key)) {
      const span = field as { start: number; end: number };
      copy[key] = { start: span.start + delta, end: span.end + delta };
    } else copy[key] = typeof field === 'object' && field !== null ? shifted(field, delta) : field;
  }
  return copy;
}
