// A segment's size in the sample, or why it has none: the number behind
// `segments size`, the editor's CodeLens, hovers and inlay hints, the
// "matches nobody" warning and the sizes of `segments diff`.
import { diagnostic, type Diagnostic } from '../base/diagnostics';
import type { Evaluator, FunnelStep, SegmentsById } from '../evaluate/evaluator';
import { estimateSize, type SizeEstimate } from '../evaluate/estimate';
import type { SegmentDecl } from '../syntax/ast';
import { plural } from '../text/numbers';
import type { LeftOutPart, PartialPlan } from './partial-size';
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
  /**
   * The segment has errors in some conditions: counted without them (an upper
   * bound of the finished segment's size, see partial-size.ts). `errorCount`
   * and `errors` are those of the block, as in `has-errors`.
   */
  | { kind: 'partial'; count: number; total: number; funnel: FunnelStep[]; estimate?: SizeEstimate; leftOut: LeftOutPart[]; errorCount: number; errors: Diagnostic[] }
  | Exclude<Readiness, { kind: 'ready' }>
  /** `reason`: for an unreadable sample, the first error about the project's config, schema or data files (file by its name). */
  | { kind: 'no-sample'; problem: SampleProblem; reason?: string };

/** A size with a count: whole, or without the broken conditions. */
export type CountedSize = Extract<SegmentSize, { kind: 'sized' | 'partial' }>;

export function isCounted(size: SegmentSize): size is CountedSize {
  return size.kind === 'sized' || size.kind === 'partial';
}

export interface SizeInput {
  decl: SegmentDecl;
  readiness: Readiness;
  segmentsById: SegmentsById;
  /** The evaluator over the loaded sample, or why there is none. */
  evaluator: Evaluator | SampleProblem;
  population?: number;
  /** Why the sample could not be read (the first error about it), when `evaluator` is 'unreadable'. */
  unreadableReason?: string;
  /** For a segment with errors: what to leave out so the rest can be counted (partial-size.ts); undefined when nothing can be. */
  partial?: PartialPlan;
}

/** Why there is no number comes first (no sample, then the definition); otherwise the count. */
export function sizeSegment(input: SizeInput): SegmentSize {
  const { evaluator, readiness } = input;
  if (evaluator === 'none') return { kind: 'no-sample', problem: 'none' };
  const partial = readiness.kind === 'has-errors' ? input.partial : undefined;
  if (readiness.kind !== 'ready' && !partial) return readiness;
  if (typeof evaluator === 'string') {
    return evaluator === 'unreadable' && input.unreadableReason ? { kind: 'no-sample', problem: evaluator, reason: input.unreadableReason } : { kind: 'no-sample', problem: evaluator };
  }
  const { count, total, funnel } = evaluator.countSegment(input.decl, input.segmentsById, { leaveOut: partial?.leaveOut });
  const estimate = input.population !== undefined ? estimateSize(count, total, input.population) : undefined;
  const counted = estimate ? { count, total, funnel, estimate } : { count, total, funnel };
  if (partial && readiness.kind === 'has-errors') {
    return { kind: 'partial', ...counted, leftOut: partial.leftOut, errorCount: readiness.errorCount, errors: readiness.errors };
  }
  return { kind: 'sized', ...counted };
}

/** Why a segment has no size, in a few plain words (`fix 2 errors`, `waits on `x`, which has errors`). */
export function unsizedReason(size: Exclude<SegmentSize, { kind: 'sized' }>): string {
  switch (size.kind) {
    case 'partial':
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
