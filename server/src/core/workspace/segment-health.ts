// Which segments can be sized: one with errors cannot, and neither can one that
// refers (directly or through others) to a segment with errors. Shared by the
// CLI and the editor so both say the same about the same file.
import { segmentDependencies, type SegmentDecl } from '../syntax/ast';
import type { Analysis } from './analyze';

const errorCountsByAnalysis = new WeakMap<Analysis, Map<SegmentDecl, number>>();

/** Errors whose start lies inside each segment's block; a syntax error counts at least once. */
function errorCounts(analysis: Analysis): Map<SegmentDecl, number> {
  let counts = errorCountsByAnalysis.get(analysis);
  if (counts) return counts;
  counts = new Map();
  for (const f of analysis.files) {
    const errors = analysis.diagnostics.filter((d) => d.file === f.path && d.severity === 'error');
    for (const s of f.ast.segments) {
      const end = Math.max(s.span.end, s.span.start + 1);
      const n = errors.filter((d) => d.span.start >= s.span.start && d.span.start < end).length;
      counts.set(s, s.hasSyntaxError ? Math.max(1, n) : n);
    }
  }
  errorCountsByAnalysis.set(analysis, counts);
  return counts;
}

export function errorCountOf(analysis: Analysis, decl: SegmentDecl): number {
  return errorCounts(analysis).get(decl) ?? 0;
}

/** Segments with at least one error inside them. */
export function segmentsWithErrors(analysis: Analysis): Set<SegmentDecl> {
  const broken = new Set<SegmentDecl>();
  for (const [decl, n] of errorCounts(analysis)) if (n > 0) broken.add(decl);
  return broken;
}

/** Ids of segments with errors that `decl` depends on, directly or through other segments, sorted. */
export function brokenDependencies(analysis: Analysis, decl: SegmentDecl): string[] {
  const broken: string[] = [];
  const seen = new Set<SegmentDecl>([decl]);
  const pending = [decl];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const id of segmentDependencies(current)) {
      const target = analysis.segmentsById.get(id);
      if (!target || seen.has(target)) continue; // an unknown id is an error in `current` itself
      seen.add(target);
      if (errorCountOf(analysis, target) > 0) broken.push(id);
      else pending.push(target);
    }
  }
  return broken.sort();
}
