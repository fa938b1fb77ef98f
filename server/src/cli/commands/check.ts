// `segments check [paths…] [--format text|json|github|sarif]`: every diagnostic
// of the projects the paths belong to. Exit 1 when any is an error.
import { compareDiagnostics, type Diagnostic } from '../../core/base/diagnostics';
import { SourcePositions } from '../../core/text/source-positions';
import { analyzeProject } from '../../core/workspace/analyze';
import { readSmallText } from '../../core/project/files';
import { openProjects } from '../../core/project/open-projects';
import { loadProjectData } from '../../core/workspace/project-data';
import { bundledCsvPartWorker } from '../../host/bundled-workers';
import { computeSizes, matchesNobodyDiagnostics } from '../../core/workspace/sizes';
import { formatTextReport, summaryLine } from '../report/text-report';
import { toJsonDiagnostics } from '../report/json-report';
import { formatGithubAnnotations } from '../report/github-annotations';
import { repositoryRoot } from '../report/repo-paths';
import { toSarif } from '../report/sarif';
import type { CliIo } from '../io';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif';

export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'sarif'];

export interface CheckResult {
  diagnostics: Diagnostic[];
  positions: SourcePositions;
  fileCount: number;
}

/** Runs every check on the projects of `paths`; shared by `check` and the reports built on it. */
export function collectDiagnostics(paths: string[], cwd: string): CheckResult {
  const positions = new SourcePositions([], readSmallText);
  const diagnostics: Diagnostic[] = [];
  let fileCount = 0;
  for (const project of openProjects(paths, cwd)) {
    for (const s of project.sources) positions.add(s.path, s.text);
    const data = project.config.configFile ? loadProjectData(project.config, { csvPartWorker: bundledCsvPartWorker() }) : undefined;
    const analysis = analyzeProject(project.sources, data);
    const nobody = data?.store ? matchesNobodyDiagnostics(computeSizes(analysis, data, project.config)) : [];
    diagnostics.push(...project.configDiagnostics, ...(data?.diagnostics ?? []));
    diagnostics.push(...[...analysis.diagnostics, ...nobody].filter((d) => project.selected.has(d.file)));
    fileCount += project.selected.size;
  }
  return { diagnostics: dedupe(diagnostics).sort(compareDiagnostics), positions, fileCount };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.span.start}:${d.span.end}:${d.code}:${d.message}:${d.position?.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `version` goes into the SARIF log's tool description. */
export function runCheck(paths: string[], format: CheckFormat, io: CliIo, version = '0.0.0-dev'): number {
  const { diagnostics, positions, fileCount } = collectDiagnostics(paths, io.cwd);
  if (format === 'json') {
    io.out(`${JSON.stringify(toJsonDiagnostics(diagnostics, positions, io.cwd), null, 2)}\n`);
  } else if (format === 'sarif') {
    io.out(`${JSON.stringify(toSarif(diagnostics, positions, { repoRoot: repositoryRoot(io.cwd), version }), null, 2)}\n`);
  } else if (format === 'github') {
    io.out(formatGithubAnnotations(diagnostics, positions, repositoryRoot(io.cwd)));
    io.out(`${summaryLine(diagnostics, fileCount)}\n`);
  } else {
    const report = formatTextReport(diagnostics, positions, { cwd: io.cwd, color: io.color });
    if (report) io.out(report.endsWith('\n') ? report : `${report}\n`);
    io.out(`${summaryLine(diagnostics, fileCount)}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
