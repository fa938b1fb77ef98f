// Whether a segment's definition can be run at all: sized on the sample,
// compiled to SQL, diffed by size. One with errors inside its block cannot,
// and neither can one that refers (directly or through others) to a segment
// with errors. Decided here only; the CLI and the language server ask the
// snapshot (snapshot.ts), so both say the same about the same file.
//
// Readiness is a union of explicit kinds so later ones (sizing a segment
// without its broken conditions) fit beside these without changing callers
// that switch on `kind`.
import type { Diagnostic } from '../base/diagnostics';
import { segmentDependencies, type SegmentDecl } from '../syntax/ast';
import type { Analysis } from './analyze';

export type Readiness =
  /** The definition is whole: it can be counted and compiled. */
  | { kind: 'ready' }
  /** Errors inside the segment's own block (a syntax error counts as at least one). */
  | { kind: 'has-errors'; errorCount: number; errors: Diagnostic[] }
  /** The segment is fine, but segments it uses (directly or not) have errors: their ids, sorted. */
  | { kind: 'waits-on'; dependencies: string[] };

/** What one analysis knows about the errors of each segment, computed once and kept with it. */
const errorsByAnalysis = new WeakMap<Analysis, Map<SegmentDecl, Diagnostic[]>>();

/** Errors whose start lies inside each segment's block. */
function errorsBySegment(analysis: Analysis): Map<SegmentDecl, Diagnostic[]> {
  let found = errorsByAnalysis.get(analysis);
  if (found) return found;
  found = new Map();
  for (const f of analysis.files) {
    const errors = analysis.diagnostics.filter((d) => d.file === f.path && d.severity === 'error');
    for (const s of f.ast.segments) {
      const end = Math.max(s.span.end, s.span.start + 1);
      found.set(s, errors.filter((d) => d.span.start >= s.span.start && d.span.start < end));
    }
  }
  errorsByAnalysis.set(analysis, found);
  return found;
}

/** The errors inside a segment's block. */
export function errorsIn(analysis: Analysis, decl: SegmentDecl): Diagnostic[] {
  return errorsBySegment(analysis).get(decl) ?? [];
}

function errorCountOf(analysis: Analysis, decl: SegmentDecl): number {
  const n = errorsIn(analysis, decl).length;
  return decl.hasSyntaxError ? Math.max(1, n) : n;
}

/** Ids of segments with errors that `decl` depends on, directly or through other segments, sorted. */
function brokenDependencies(analysis: Analysis, decl: SegmentDecl): string[] {
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

export function readinessOf(analysis: Analysis, decl: SegmentDecl): Readiness {
  const errorCount = errorCountOf(analysis, decl);
  if (errorCount > 0) return { kind: 'has-errors', errorCount, errors: errorsIn(analysis, decl) };
  const dependencies = brokenDependencies(analysis, decl);
  if (dependencies.length > 0) return { kind: 'waits-on', dependencies };
  return { kind: 'ready' };
}
