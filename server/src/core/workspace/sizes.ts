// Audience sizes for every segment of an analysed project: the numbers behind
// `segments size`, the editor's CodeLens and the "matches nobody" warning.
import { diagnostic, type Diagnostic } from '../base/diagnostics';
import { Evaluator, type FunnelStep } from '../evaluate/evaluator';
import { estimateSize, type SizeEstimate } from '../evaluate/estimate';
import type { ProjectConfig } from '../project/config';
import { resolveAsOfDay } from '../evaluate/calendar';
import type { SegmentDecl } from '../syntax/ast';
import type { Analysis } from './analyze';
import { brokenDependencies, errorCountOf, segmentsWithErrors } from './segment-health';
import type { ProjectData } from './project-data';
import { plural } from '../text/numbers';

export interface SegmentSize {
  id: string;
  file: string;
  decl: SegmentDecl;
  /** Undefined when the segment has errors: a broken definition gets no number. */
  count?: number;
  total: number;
  /** Errors inside the segment. */
  errors: number;
  /** A segment it refers to (directly or not) that has errors: its size cannot be known either. */
  blockedBy?: string;
  funnel: FunnelStep[];
  estimate?: SizeEstimate;
}

/** The day relative windows count back from: asOf, or today in UTC. */
export function asOfDay(config: ProjectConfig, now: number = Date.now()): number {
  return resolveAsOfDay(config.asOf, now);
}

export function computeSizes(analysis: Analysis, data: ProjectData, config: ProjectConfig, evaluator?: Evaluator): SegmentSize[] {
  const store = data.store;
  if (!store) return [];
  const ev = evaluator ?? new Evaluator(store, { asOfDay: asOfDay(config) });
  const broken = segmentsWithErrors(analysis);
  const sizes: SegmentSize[] = [];
  for (const file of analysis.files) {
    for (const decl of file.ast.segments) {
      if (!decl.id) continue;
      const base = { id: decl.id.text, file: file.path, decl, total: store.profiles.count, errors: errorCountOf(analysis, decl) };
      if (broken.has(decl)) {
        sizes.push({ ...base, funnel: [] });
        continue;
      }
      const [blockedBy] = brokenDependencies(analysis, decl);
      if (blockedBy) {
        sizes.push({ ...base, blockedBy, funnel: [] });
        continue;
      }
      const { count, funnel } = ev.countSegment(decl, analysis.segmentsById);
      const estimate = config.population !== undefined ? estimateSize(count, store.profiles.count, config.population) : undefined;
      sizes.push({ ...base, count, funnel, estimate });
    }
  }
  return sizes;
}

/** A warning on each segment that matches no profile of a non-empty sample. */
export function matchesNobodyDiagnostics(sizes: SegmentSize[]): Diagnostic[] {
  return sizes
    .filter((s) => s.count === 0 && s.total > 0 && s.decl.id)
    .map((s) =>
      diagnostic(s.file, s.decl.id!.span, 'warning', 'matches-nobody',
        `segment \`${s.id}\` matches nobody in the sample (0 of ${plural(s.total, 'profile')})`),
    );
}
