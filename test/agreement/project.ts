// A segment project as the CLI sees it (config, schema, sample, parsed and
// checked segment files), plus extra segment text checked in its context: the
// test segments are parsed by the real parser and checked by the real checker,
// with the project's segments available to `segment ID` references.
import { join, resolve } from 'node:path';
import type { ProjectConfig } from '../../server/src/core/project/config';
import { walkExpr, type Expr, type SegmentDecl } from '../../server/src/core/syntax/ast';
import { analyzeProject, type Analysis, type ParsedSource } from '../../server/src/core/workspace/analyze';
import { readinessOf } from '../../server/src/core/workspace/readiness';
import { type SourceText } from '../../server/src/core/project/open-projects';
import { openProjects } from '../../server/src/core/project/open-projects';
import { loadProjectData, type ProjectData } from '../../server/src/core/workspace/project-data';
import type { AgreementData } from './engines';

export const DEMO_ROOT = resolve(import.meta.dirname, '..', '..', 'samples', 'nordic-shop');

export interface LoadedProject {
  config: ProjectConfig;
  sources: SourceText[];
  data: ProjectData;
  analysis: Analysis;
  /** The parsed project files, reused when extra text is checked. */
  parsed: Map<string, ParsedSource>;
}

/** Loads a project folder; throws when its config or data have errors. Segment errors are in `analysis`. */
export function loadProject(root: string): LoadedProject {
  const [target] = openProjects([root], process.cwd());
  const data = loadProjectData(target.config);
  const dataErrors = [...target.configDiagnostics, ...data.diagnostics].filter((d) => d.severity === 'error');
  if (dataErrors.length > 0 || !data.store || !data.catalog) {
    throw new Error(`project ${root} did not load: ${dataErrors.map((d) => d.message).join('; ') || 'no sample'}`);
  }
  const analysis = analyzeProject(target.sources, data);
  const parsed = new Map(analysis.files.map((f) => [f.path, f]));
  return { config: target.config, sources: target.sources, data, analysis, parsed };
}

/** The project's error diagnostics as `file:offset message` lines (empty when clean). */
export function segmentErrors(project: LoadedProject): string[] {
  return project.analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.span.start} ${d.message}`);
}

export function agreementData(project: LoadedProject): AgreementData {
  return { store: project.data.store!, catalog: project.data.catalog!, asOf: project.config.asOf };
}

export interface CheckedExtra {
  /** Segments of the extra text without errors (and not waiting on one with errors), in file order. */
  valid: SegmentDecl[];
  /** Segments the checker (or parser) found errors in, with the first error message. */
  invalid: { id: string; message: string }[];
  /** Every segment of the project and of the extra text, by id. */
  segmentsById: Map<string, SegmentDecl>;
}

/** Parses and checks `text` as one more file of the project. */
export function checkExtra(project: LoadedProject, text: string, fileName = 'agreement-extra.segment'): CheckedExtra {
  const path = join(project.config.root, fileName);
  const analysis = analyzeProject([...project.sources, { path, text }], project.data, { files: project.parsed });
  const file = analysis.files.find((f) => f.path === path)!;
  const valid: SegmentDecl[] = [];
  const invalid: CheckedExtra['invalid'] = [];
  for (const decl of file.ast.segments) {
    if (readinessOf(analysis, decl).kind !== 'has-errors') {
      valid.push(decl);
      continue;
    }
    const first = analysis.diagnostics.find(
      (d) => d.file === path && d.severity === 'error' && d.span.start >= decl.span.start && d.span.start < decl.span.end,
    );
    invalid.push({ id: decl.id?.text ?? '?', message: first?.message ?? 'syntax error' });
  }
  return { valid, invalid, segmentsById: analysis.segmentsById };
}

/**
 * Every condition of a segment that reads profile attributes (each operand of
 * each and / or / not, down to the single tests, but not inside `did … where`),
 * as segment text of its own: `segment <prefix>_<n> { include <condition> }`.
 * Checking each piece on its own shows which part of a segment disagrees.
 */
export function conditionSegments(text: string, decl: SegmentDecl, prefix: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const prop of decl.properties) {
    if (prop.kind !== 'include' && prop.kind !== 'exclude') continue;
    walkExpr(prop.expr, (e: Expr, insideWhere: boolean) => {
      if (insideWhere || e.kind === 'error') return;
      const condition = text.slice(e.span.start, e.span.end);
      if (seen.has(condition)) return;
      seen.add(condition);
      out.push(`segment ${prefix}_${out.length + 1} {\n  include ${condition}\n}\n`);
    });
  }
  return out;
}
