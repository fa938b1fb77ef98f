// What sits at a position of a segment file: an attribute (or event property),
// an event name, a segment id where it is declared or referred to.
import type { DidExpr, Expr, Name, Path, SegmentDecl, SegmentFile } from '../core/syntax/ast';
import type { Span } from '../core/base/span';
import { childExprs, conditionAttribute } from '../core/syntax/ast';

export type Scope = { kind: 'profile' } | { kind: 'event'; event: string };

export type NodeAt =
  | { kind: 'attribute'; path: Path; scope: Scope; segment: SegmentDecl }
  | { kind: 'event'; name: Name; did: DidExpr; segment: SegmentDecl }
  | { kind: 'segmentRef'; name: Name; segment: SegmentDecl }
  | { kind: 'segmentDecl'; name: Name; segment: SegmentDecl };

/** Ends count as inside: the cursor just after a word is on it. */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

export function segmentAt(file: SegmentFile, offset: number): SegmentDecl | undefined {
  return file.segments.find((s) => touches(s.span, offset));
}

export function nodeAt(file: SegmentFile, offset: number): NodeAt | undefined {
  const segment = segmentAt(file, offset);
  if (!segment) return undefined;
  if (segment.id && touches(segment.id.span, offset)) return { kind: 'segmentDecl', name: segment.id, segment };
  for (const p of segment.properties) {
    if ((p.kind === 'include' || p.kind === 'exclude') && touches(p.span, offset)) {
      const found = inExpr(p.expr, offset, { kind: 'profile' }, segment);
      if (found) return found;
    }
  }
  return undefined;
}

function inExpr(expr: Expr, offset: number, scope: Scope, segment: SegmentDecl): NodeAt | undefined {
  if (!touches(expr.span, offset)) return undefined;
  const attribute = conditionAttribute(expr);
  if (attribute && touches(attribute.span, offset) && attribute.text !== '') return { kind: 'attribute', path: attribute, scope, segment };
  if (expr.kind === 'segmentRef' && touches(expr.id.span, offset)) return { kind: 'segmentRef', name: expr.id, segment };
  if (expr.kind === 'did') {
    if (touches(expr.event.span, offset) && expr.event.text !== '') return { kind: 'event', name: expr.event, did: expr, segment };
    if (expr.where) return inExpr(expr.where, offset, { kind: 'event', event: expr.event.text }, segment);
    return undefined;
  }
  for (const child of childExprs(expr)) {
    const found = inExpr(child, offset, scope, segment);
    if (found) return found;
  }
  return undefined;
}

/** Every `segment ID` reference in a file. */
export function segmentRefs(file: SegmentFile): { name: Name; segment: SegmentDecl }[] {
  const refs: { name: Name; segment: SegmentDecl }[] = [];
  const visit = (e: Expr, segment: SegmentDecl): void => {
    if (e.kind === 'segmentRef') refs.push({ name: e.id, segment });
    if (e.kind === 'did' && e.where) visit(e.where, segment);
    for (const c of childExprs(e)) visit(c, segment);
  };
  for (const s of file.segments) {
    for (const p of s.properties) if (p.kind === 'include' || p.kind === 'exclude') visit(p.expr, s);
  }
  return refs;
}

/** Every attribute path in a file with its scope, for semantic tokens. */
export function attributePaths(file: SegmentFile): { path: Path; scope: Scope }[] {
  const out: { path: Path; scope: Scope }[] = [];
  const visit = (e: Expr, scope: Scope): void => {
    const a = conditionAttribute(e);
    if (a) out.push({ path: a, scope });
    if (e.kind === 'did' && e.where) visit(e.where, { kind: 'event', event: e.event.text });
    for (const c of childExprs(e)) visit(c, scope);
  };
  for (const s of file.segments) {
    for (const p of s.properties) if (p.kind === 'include' || p.kind === 'exclude') visit(p.expr, { kind: 'profile' });
  }
  return out;
}

/** Every `did` in a file. */
export function didExprs(file: SegmentFile): DidExpr[] {
  const out: DidExpr[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'did') {
      out.push(e);
      if (e.where) visit(e.where);
    }
    for (const c of childExprs(e)) visit(c);
  };
  for (const s of file.segments) {
    for (const p of s.properties) if (p.kind === 'include' || p.kind === 'exclude') visit(p.expr);
  }
  return out;
}
