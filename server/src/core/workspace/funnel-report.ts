// A segment's funnel as people read it: one step per top-level `and`
// condition of include (an `or` group is one step, with its alternatives
// listed), then the exclude; each with the line and text of the condition,
// how many remain, their share of the sample, how many the step took out and
// the step that took out most. The CLI's `size --funnel`, the inlay hints and
// the insight panel's chart all read this.
import type { FunnelStep } from '../evaluate/evaluator';
import type { Span } from '../base/span';
import type { LeftOutPart } from './partial-size';
import type { CountedSize } from './sizes';

export interface FunnelRow {
  kind: 'include' | 'exclude';
  /** 1-based line where the condition starts. */
  line: number;
  /** The condition as written, on one line, shortened past 80 characters (the exclude with its keyword). */
  text: string;
  span: Span;
  /** Profiles left after this step. */
  remaining: number;
  /** remaining ÷ profiles in the sample. */
  share: number;
  /** Profiles this step took out (from everyone for the first step). */
  drop: number;
  /** drop ÷ profiles before the step (0 when there were none). */
  dropShare: number;
  /** Profiles the condition holds for by itself (for the exclude: whom it takes out of everyone). */
  matching: number;
  /** True for the step that took out most people (the first such, when several tie; none when no step took anyone out). */
  biggestDrop: boolean;
  /** The alternatives of an `or` step: how many of those reaching the step each one holds for. */
  branches?: { line: number; text: string; matching: number }[];
}

export interface FunnelReport {
  total: number;
  count: number;
  rows: FunnelRow[];
  /** Conditions left out because they are broken (a partial size), with their line and text. */
  leftOut: { kind: 'include' | 'exclude'; line: number; text: string; incomplete: boolean }[];
}

const MAX_TEXT = 80;

/** One line of source text: whitespace runs collapsed, cut with `…` past 80 characters. */
export function conditionText(source: string, span: Span): string {
  const text = source.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export function funnelReport(size: CountedSize, source: string, lineOf: (offset: number) => number): FunnelReport {
  let before = size.total;
  const rows: FunnelRow[] = size.funnel.map((step: FunnelStep) => {
    const drop = before - step.remaining;
    const row: FunnelRow = {
      kind: step.kind,
      line: lineOf(step.span.start),
      text: conditionText(source, step.span),
      span: step.span,
      remaining: step.remaining,
      share: size.total > 0 ? step.remaining / size.total : 0,
      drop,
      dropShare: before > 0 ? drop / before : 0,
      matching: step.matching,
      biggestDrop: false,
    };
    if (step.branches) row.branches = step.branches.map((b) => ({ line: lineOf(b.span.start), text: conditionText(source, b.span), matching: b.matching }));
    before = step.remaining;
    return row;
  });
  const biggest = rows.reduce<FunnelRow | undefined>((best, r) => (r.drop > 0 && (!best || r.drop > best.drop) ? r : best), undefined);
  if (biggest) biggest.biggestDrop = true;
  const leftOut = size.kind === 'partial' ? size.leftOut.map((p: LeftOutPart) => ({ kind: p.kind, line: lineOf(p.span.start), text: conditionText(source, p.span), incomplete: p.incomplete })) : [];
  return { total: size.total, count: size.count, rows, leftOut };
}
