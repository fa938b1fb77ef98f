// Audience sizes for every segment of an analysed project: the numbers behind
// `segments size`, the editor's CodeLens and the "matches nobody" warning.
import { diagnostic, type Diagnostic } from '../diagnostics';
import { Evaluator, type FunnelStep } from '../evaluate/evaluator';
import { estimateSize, type SizeEstimate } from '../evaluate/estimate';
import type { ProjectConfig } from '../project/config';
import { parseIsoDay } from '../sample/store';
import { segmentDependencies, type SegmentDecl } from '../syntax/ast';
import { segmentsWithErrors, type Analysis } from './analyze';
import type { ProjectData } from './project-data';

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
export function asOfDay(config: ProjectConfig, now: Date = new Date()): number {
  const configured = config.asOf ? parseIsoDay(config.asOf) : undefined;
  return configured ?? Math.floor(now.getTime() / 86_400_000);
}

export function computeSizes(analysis: Analysis, data: ProjectData, config: ProjectConfig, evaluator?: Evaluator): SegmentSize[] {
  const store = data.store;
  if (!store) return [];
  const ev = evaluator ?? new Evaluator(store, { asOfDay: asOfDay(config) });
  const broken = segmentsWithErrors(analysis);
  const sizes: SegmentSize[] = [];
  for (const file of analysis.files) {
    const errorsIn = analysis.diagnostics.filter((d) => d.file === file.path && d.severity === 'error');
    for (const decl of file.ast.segments) {
      if (!decl.id) continue;
      const errors = errorsIn.filter((d) => d.span.start >= decl.span.start && d.span.start < decl.span.end).length;
      const base = { id: decl.id.text, file: file.path, decl, total: store.profiles.count, errors: Math.max(errors, broken.has(decl) ? 1 : 0) };
      if (broken.has(decl)) {
        sizes.push({ ...base, funnel: [] });
        continue;
      }
      const blockedBy = brokenDependency(decl, analysis.segmentsById, broken);
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

/** The first segment reachable through `segment ID` references that has errors, if any. */
function brokenDependency(decl: SegmentDecl, byId: ReadonlyMap<string, SegmentDecl>, broken: Set<SegmentDecl>): string | undefined {
  const seen = new Set<string>();
  const pending = segmentDependencies(decl);
  while (pending.length > 0) {
    const id = pending.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const target = byId.get(id);
    if (!target) continue; // an unknown id is an error in this segment itself
    if (broken.has(target)) return id;
    pending.push(...segmentDependencies(target));
  }
  return undefined;
}

/** A warning on each segment that matches no profile of a non-empty sample. */
export function matchesNobodyDiagnostics(sizes: SegmentSize[]): Diagnostic[] {
  return sizes
    .filter((s) => s.count === 0 && s.total > 0 && s.decl.id)
    .map((s) =>
      diagnostic(s.file, s.decl.id!.span, 'warning', 'matches-nobody',
        `segment \`${s.id}\` matches nobody in the sample (0 of ${s.total.toLocaleString('en-US')} profiles)`),
    );
}
