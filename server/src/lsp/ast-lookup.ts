// What sits at a position of a segment file: an attribute (or event property),
// an event name, a segment id where it is declared or referred to.
import type { EventRef, Expr, Name, Path, SegmentDecl, SegmentFile } from '../core/syntax/ast';
import type { Span } from '../core/base/span';
import { childExprs, conditionAttribute, eventRefsOf } from '../core/syntax/ast';

export type Scope = { kind: 'profile' } | { kind: 'event'; event: string };

export type NodeAt =
  | { kind: 'attribute'; path: Path; scope: Scope; segment: SegmentDecl }
  | { kind: 'event'; name: Name; ref: EventRef; segment: SegmentDecl }
  /** The keyword of a behaviour condition (`sum`, `first`, `then` …): the whole condition. */
  | { kind: 'behaviour'; expr: Expr; segment: SegmentDecl }
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
  for (const { path, scope: propertyScope } of ownProperties(expr)) {
    if (touches(path.span, offset)) return { kind: 'attribute', path, scope: propertyScope, segment };
  }
  for (const ref of eventRefsOf(expr)) {
    if (touches(ref.event.span, offset) && ref.event.text !== '') return { kind: 'event', name: ref.event, ref, segment };
    if (ref.where && touches(ref.where.span, offset)) return inExpr(ref.where, offset, { kind: 'event', event: ref.event.text }, segment);
  }
  const keyword = behaviourKeywordSpans(expr).find((span) => touches(span, offset));
  if (keyword) return { kind: 'behaviour', expr, segment };
  for (const child of childExprs(expr)) {
    const found = inExpr(child, offset, scope, segment);
    if (found) return found;
  }
  return undefined;
}

/** Where the keywords that name a behaviour condition stand (`first`, `last`): hovering them explains it. */
function behaviourKeywordSpans(expr: Expr): Span[] {
  switch (expr.kind) {
    case 'firstLast':
      return [expr.whichSpan];
    case 'aggregate':
      return [expr.fnSpan];
    case 'sequence':
      return [expr.first.didSpan, ...expr.steps.map((s) => s.thenSpan)];
    default:
      return [];
  }
}

/** Event properties a behaviour condition names outside its filters: an aggregate's property, `with same` ones. */
function ownProperties(expr: Expr): { path: Path; scope: Scope }[] {
  const event = (name: string): Scope => ({ kind: 'event', event: name });
  if (expr.kind === 'aggregate') return expr.property.text !== '' ? [{ path: expr.property, scope: event(expr.event.text) }] : [];
  if (expr.kind === 'sequence') {
    return expr.steps.flatMap((s) => (s.same && s.same.text !== '' ? [{ path: s.same, scope: event(s.event.text) }] : []));
  }
  return [];
}

/** Every `segment ID` reference in a file. */
export function segmentRefs(file: SegmentFile): { name: Name; segment: SegmentDecl }[] {
  const refs: { name: Name; segment: SegmentDecl }[] = [];
  const visit = (e: Expr, segment: SegmentDecl): void => {
    if (e.kind === 'segmentRef') refs.push({ name: e.id, segment });
    for (const ref of eventRefsOf(e)) if (ref.where) visit(ref.where, segment);
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
    out.push(...ownProperties(e));
    for (const ref of eventRefsOf(e)) if (ref.where) visit(ref.where, { kind: 'event', event: ref.event.text });
    for (const c of childExprs(e)) visit(c, scope);
  };
  for (const s of file.segments) {
    for (const p of s.properties) if (p.kind === 'include' || p.kind === 'exclude') visit(p.expr, { kind: 'profile' });
  }
  return out;
}

/** Every event a file names (in `did`, `first did`, aggregates and sequences). */
export function eventRefs(file: SegmentFile): EventRef[] {
  const out: EventRef[] = [];
  const visit = (e: Expr): void => {
    for (const ref of eventRefsOf(e)) {
      out.push(ref);
      if (ref.where) visit(ref.where);
    }
    for (const c of childExprs(e)) visit(c);
  };
  for (const s of file.segments) {
    for (const p of s.properties) if (p.kind === 'include' || p.kind === 'exclude') visit(p.expr);
  }
  return out;
}
