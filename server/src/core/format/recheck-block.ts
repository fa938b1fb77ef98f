// Whether a block really has a syntax error. The file-level parse can mark a
// correct block as broken when a zero-width error of the block before it sits
// exactly where this block starts (`…}segment b {…}`): the mark then depends on
// whitespace, and formatting would not be idempotent. Parsing the block's own
// text alone gives an answer that depends only on its tokens.
import type { SegmentDecl } from '../syntax/ast';
import { parseSegments } from '../syntax/parser';

export function recheckBlock(decl: SegmentDecl, text: string, start: number, end: number): SegmentDecl {
  if (!decl.hasSyntaxError || !decl.closed) return decl;
  const alone = parseSegments(text.slice(start, end), 'format').ast.segments;
  if (alone.length !== 1 || alone[0].hasSyntaxError || !alone[0].closed) return decl;
  return shiftSpans(alone[0], start);
}

/** Moves every `{ start, end }` in the tree by `by` (each object once: spans are shared). */
function shiftSpans<T extends object>(tree: T, by: number): T {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const rec = node as Record<string, unknown>;
    if (typeof rec.start === 'number' && typeof rec.end === 'number' && Object.keys(rec).length === 2) {
      rec.start = (rec.start as number) + by;
      rec.end = (rec.end as number) + by;
      return;
    }
    for (const value of Object.values(rec)) visit(value);
  };
  visit(tree);
  return tree;
}
