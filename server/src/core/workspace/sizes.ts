// A segment's size in the sample, or why it has none: the number behind
// `segments size`, the editor's CodeLens, hovers and inlay hints, the
// "matches nobody" warning and the sizes of `segments diff`.
import { diagnostic, type Diagnostic } from '../base/diagnostics';
import type { Evaluator, FunnelStep, SegmentsById } from '../evaluate/evaluator';
import { estimateSize, type SizeEstimate } from '../evaluate/estimate';
import type { SegmentDecl } from '../syntax/ast';
import { plural } from '../text/numbers';
import type { Readiness } from './readiness';

/** Why there is no sample to count on. */
export type SampleProblem =
  /** The project names no sample (and none was passed with `--sample`). */
  | 'none'
  /** The sample is being (re)loaded; the number follows. */
  | 'loading'
  /** The project names a sample, but it could not be read: its diagnostics say why. */
  | 'unreadable';

export type SegmentSize =
  | { kind: 'sized'; count: number; total: number; funnel: FunnelStep[]; estimate?: SizeEstimate }
  | Exclude<Readiness, { kind: 'ready' }>
  | { kind: 'no-sample'; problem: SampleProblem };

export interface SizeInput {
  decl: SegmentDecl;
  readiness: Readiness;
  segmentsById: SegmentsById;
  /** The evaluator over the loaded sample, or why there is none. */
  evaluator: Evaluator | SampleProblem;
  population?: number;
}

/** Why there is no number comes first (no sample, then the definition); otherwise the count. */
export function sizeSegment(input: SizeInput): SegmentSize {
  const { evaluator, readiness } = input;
  if (evaluator === 'none') return { kind: 'no-sample', problem: 'none' };
  if (readiness.kind !== 'ready') return readiness;
  if (typeof evaluator === 'string') return { kind: 'no-sample', problem: evaluator };
  const { count, total, funnel } = evaluator.countSegment(input.decl, input.segmentsById);
  const estimate = input.population !== undefined ? estimateSize(count, total, input.population) : undefined;
  return estimate ? { kind: 'sized', count, total, funnel, estimate } : { kind: 'sized', count, total, funnel };
}

/** Why a segment has no size, in a few plain words (`fix 2 errors`, `waits on `x`, which has errors`). */
export function unsizedReason(size: Exclude<SegmentSize, { kind: 'sized' }>): string {
  switch (size.kind) {
    case 'has-errors':
      return `fix ${plural(size.errorCount, 'error')}`;
    case 'waits-on':
      return `waits on ${size.dependencies.map((id) => `\`${id}\``).join(', ')}, which ${size.dependencies.length === 1 ? 'has' : 'have'} errors`;
    case 'no-sample':
      return size.problem === 'loading'
        ? 'loading sample…'
        : size.problem === 'unreadable'
          ? 'the sample could not be read'
          : 'no sample: set "sample" in segments.config.json';
  }
}

/** A warning on a segment that matches no profile of a non-empty sample. */
export function matchesNobody(file: string, decl: SegmentDecl, size: SegmentSize): Diagnostic | undefined {
  if (size.kind !== 'sized' || size.count !== 0 || size.total === 0 || !decl.id) return undefined;
  return diagnostic(file, decl.id.span, 'warning', 'matches-nobody',
    `segment \`${decl.id.text}\` matches nobody in the sample (0 of ${plural(size.total, 'profile')})`);
}
