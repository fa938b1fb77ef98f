// The size of each segment in the sample, as the preview shows it. A segment
// with errors — or one that refers to a segment with errors — gets no number:
// it would be wrong, and a stale one would mislead. Results are cached per
// analysis, so CodeLens, inlay hints and hovers of one state share one count.
import { estimateSize, type SizeEstimate } from '../core/evaluate/estimate';
import type { FunnelStep } from '../core/evaluate/evaluator';
import type { SegmentDecl } from '../core/syntax/ast';
import { walkExpr } from '../core/syntax/ast';
import type { Analysis } from '../core/workspace/analyze';
import type { ProjectState } from './project-state';

export type SegmentSize =
  | { kind: 'ok'; count: number; total: number; funnel: FunnelStep[]; estimate?: SizeEstimate }
  /** Errors inside the segment itself. */
  | { kind: 'errors'; errorCount: number }
  /** The segment is fine but refers (perhaps through others) to segments with errors. */
  | { kind: 'brokenReference'; ids: string[] }
  | { kind: 'loading' }
  | { kind: 'noSample' };

const cache = new WeakMap<Analysis, Map<SegmentDecl, SegmentSize>>();
const errorCounts = new WeakMap<Analysis, Map<SegmentDecl, number>>();

export function segmentSize(project: ProjectState, decl: SegmentDecl): SegmentSize {
  const analysis = project.analysis();
  let sizes = cache.get(analysis);
  if (!sizes) cache.set(analysis, (sizes = new Map()));
  const hit = sizes.get(decl);
  if (hit && hit.kind !== 'loading') return hit;
  const size = computeSize(project, analysis, decl);
  sizes.set(decl, size);
  return size;
}

function computeSize(project: ProjectState, analysis: Analysis, decl: SegmentDecl): SegmentSize {
  if (!project.config.sample) return { kind: 'noSample' };
  const errors = errorCountOf(analysis, decl);
  if (errors > 0) return { kind: 'errors', errorCount: errors };
  const broken = brokenReferences(analysis, decl);
  if (broken.length > 0) return { kind: 'brokenReference', ids: broken };
  if (project.dataStatus === 'loading') return { kind: 'loading' };
  const evaluator = project.evaluator();
  if (!evaluator) return { kind: project.dataStatus === 'ready' ? 'noSample' : 'loading' };
  const { count, total, funnel } = evaluator.countSegment(decl, analysis.segmentsById);
  const population = project.config.population;
  const estimate = population !== undefined ? estimateSize(count, total, population) : undefined;
  return estimate ? { kind: 'ok', count, total, funnel, estimate } : { kind: 'ok', count, total, funnel };
}

/** Errors whose start lies inside the segment's block; a syntax error counts at least once. */
export function errorCountOf(analysis: Analysis, decl: SegmentDecl): number {
  let counts = errorCounts.get(analysis);
  if (!counts) {
    counts = new Map();
    for (const f of analysis.files) {
      const errors = analysis.diagnostics.filter((d) => d.file === f.path && d.severity === 'error');
      for (const s of f.ast.segments) {
        const n = errors.filter((d) => d.span.start >= s.span.start && d.span.start < Math.max(s.span.end, s.span.start + 1)).length;
        counts.set(s, s.hasSyntaxError ? Math.max(1, n) : n);
      }
    }
    errorCounts.set(analysis, counts);
  }
  return counts.get(decl) ?? 0;
}

/** Ids of segments with errors that `decl` depends on, directly or through other segments. */
export function brokenReferences(analysis: Analysis, decl: SegmentDecl): string[] {
  const broken: string[] = [];
  const seen = new Set<SegmentDecl>([decl]);
  const pending = [decl];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const id of referencedIds(current)) {
      const target = analysis.segmentsById.get(id);
      if (!target || seen.has(target)) continue;
      seen.add(target);
      if (errorCountOf(analysis, target) > 0) broken.push(id);
      else pending.push(target);
    }
  }
  return broken.sort();
}

export function referencedIds(decl: SegmentDecl): string[] {
  const ids: string[] = [];
  for (const p of decl.properties) {
    if (p.kind !== 'include' && p.kind !== 'exclude') continue;
    walkExpr(p.expr, (e) => {
      if (e.kind === 'segmentRef') ids.push(e.id.text);
    });
  }
  return ids;
}
