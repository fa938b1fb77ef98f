// Which parts of a segment being edited can still be counted. While the user
// types, some conditions are broken or half typed; the preview then counts the
// segment without them rather than going blank (docs/language.md, "Sizes while
// you type").
//
// The parts are the top-level `and` conditions of `include` and the `exclude`
// as a whole. A part holding an error is left out whole: an `or` group, a
// `not`, a `did … where (…)` with an error anywhere inside is dropped as one
// condition, never trimmed to its intact pieces, because a trimmed `or` or
// `not` could count more or fewer people in ways nobody can read off the
// screen. Dropping whole parts has one direction only: an `and` condition or
// the exclude can only narrow the audience, so the count without them is an
// upper bound of the finished segment's ("at most").
//
// The segment cannot be counted at all when an error lies outside every part
// (a broken `include` keyword, a duplicate id, a missing brace, …) or when no
// include condition is left.
import type { Diagnostic } from '../base/diagnostics';
import type { Span } from '../base/span';
import { topLevelConditions, type Expr, type SegmentDecl } from '../syntax/ast';

export interface LeftOutPart {
  /** The condition left out (for the exclude: the whole property). */
  span: Span;
  kind: 'include' | 'exclude';
  /** True when it is unfinished text (a syntax error), false when it reads but is wrong (an unknown name, a type mismatch). */
  incomplete: boolean;
}

export interface PartialPlan {
  /** The AST objects the evaluator is to leave out (see evaluate/evaluator.ts CountOptions). */
  leaveOut: Set<Expr>;
  leftOut: LeftOutPart[];
}

interface Part {
  expr: Expr;
  span: Span;
  kind: 'include' | 'exclude';
  /** Errors starting in [from, to] belong to this part. */
  from: number;
  to: number;
  errors: Diagnostic[];
}

/**
 * The parts to leave out so that what remains can be counted, or undefined
 * when the segment cannot be counted without its errors. `errors` are the
 * errors inside the segment's block.
 */
export function partialPlan(decl: SegmentDecl, errors: readonly Diagnostic[]): PartialPlan | undefined {
  const parts: Part[] = [];
  for (const p of decl.properties) {
    if (p.kind === 'include') {
      let from = p.keywordSpan.end;
      for (const condition of topLevelConditions(p.expr)) {
        // A part reaches back to the end of the one before it, so the `and` in
        // front of a missing condition (`and` then `exclude`) belongs to it.
        parts.push({ expr: condition, span: condition.span, kind: 'include', from, to: condition.span.end, errors: [] });
        from = condition.span.end;
      }
    } else if (p.kind === 'exclude') {
      parts.push({ expr: p.expr, span: p.span, kind: 'exclude', from: p.span.start, to: p.span.end, errors: [] });
    }
  }
  for (const error of errors) {
    const at = error.span.start;
    const part = parts.find((q) => at >= q.from && (at < q.to || (at === q.to && q.span.start === q.span.end)));
    if (!part) return undefined;
    part.errors.push(error);
  }
  const broken = parts.filter((q) => q.errors.length > 0);
  const intactIncludes = parts.filter((q) => q.kind === 'include' && q.errors.length === 0);
  if (broken.length === 0 || intactIncludes.length === 0) return undefined;
  return {
    leaveOut: new Set(broken.map((q) => q.expr)),
    leftOut: broken.map((q) => ({ span: q.span, kind: q.kind, incomplete: q.errors.some((e) => e.code === 'syntax-error') })),
  };
}
