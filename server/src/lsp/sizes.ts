// The size of each segment in the sample, as the preview shows it. A segment
// with errors — or one that refers to a segment with errors — gets no number:
// it would be wrong, and a stale one would mislead. Results are cached per
// analysis, so CodeLens, inlay hints and hovers of one state share one count.
import { estimateSize, type SizeEstimate } from '../core/evaluate/estimate';
import type { FunnelStep } from '../core/evaluate/evaluator';
import type { Expr, SegmentDecl } from '../core/syntax/ast';
import { countBits } from '../core/base/bitset';
import type { Analysis } from '../core/workspace/analyze';
import { brokenDependencies, errorCountOf } from '../core/workspace/segment-health';
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

/**
 * How many profiles one condition of a segment holds for, on its own: only
 * when the segment itself can be sized (a condition of a broken segment may be
 * a half-typed one).
 */
export function conditionCount(project: ProjectState, decl: SegmentDecl, expr: Expr): { count: number; total: number } | undefined {
  const size = segmentSize(project, decl);
  const evaluator = project.evaluator();
  if (size.kind !== 'ok' || !evaluator) return undefined;
  return { count: countBits(evaluator.conditionMembers(expr, project.analysis().segmentsById)), total: size.total };
}

function computeSize(project: ProjectState, analysis: Analysis, decl: SegmentDecl): SegmentSize {
  if (!project.config.sample) return { kind: 'noSample' };
  const errors = errorCountOf(analysis, decl);
  if (errors > 0) return { kind: 'errors', errorCount: errors };
  const broken = brokenDependencies(analysis, decl);
  if (broken.length > 0) return { kind: 'brokenReference', ids: broken };
  if (project.dataStatus === 'loading') return { kind: 'loading' };
  const evaluator = project.evaluator();
  if (!evaluator) return { kind: project.dataStatus === 'ready' ? 'noSample' : 'loading' };
  const { count, total, funnel } = evaluator.countSegment(decl, analysis.segmentsById);
  const population = project.config.population;
  const estimate = population !== undefined ? estimateSize(count, total, population) : undefined;
  return estimate ? { kind: 'ok', count, total, funnel, estimate } : { kind: 'ok', count, total, funnel };
}
