// `segments check [paths…] [--format text|json|github|sarif]`: every diagnostic
// of the projects the paths belong to. Exit 1 when any is an error.
import { compareDiagnostics, type Diagnostic } from '../../core/base/diagnostics';
import type { SourcePositions } from '../../core/text/source-positions';
import type { OpenedProject } from '../../core/workspace/open-snapshots';
import { openForCommand, type DataOptions } from '../open-projects';
import { positionsOf } from '../report/positions';
import { formatTextReport, summaryLine } from '../report/text-report';
import { toJsonDiagnostics } from '../report/json-report';
import { formatGithubAnnotations } from '../report/github-annotations';
import { repositoryRoot } from '../report/repo-paths';
import { toSarif } from '../report/sarif';
import { withoutForeignData } from '../report/foreign-data';
import type { CliIo } from '../io';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif';

export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'sarif'];

export interface CheckResult {
  diagnostics: Diagnostic[];
  positions: SourcePositions;
  fileCount: number;
}

/**
 * Every diagnostic of the projects of `paths` (their snapshots' own list,
 * limited to the files asked about). `forCi`: for a report posted on a pull
 * request, without values from data files outside the project (foreign-data.ts).
 */
export function collectDiagnostics(paths: string[], cwd: string, data: DataOptions = {}, forCi = false): CheckResult {
  return diagnosticsOf(openForCommand(paths, cwd, data), forCi);
}

/** The diagnostics of opened projects, with what reports need to place them. */
export function diagnosticsOf(projects: OpenedProject[], forCi = false): CheckResult {
  const positions = positionsOf(projects);
  const diagnostics: Diagnostic[] = [];
  let fileCount = 0;
  for (const { snapshot, selected } of projects) {
    const own = snapshot.diagnostics({ files: selected });
    diagnostics.push(...(forCi ? withoutForeignData(own, snapshot.config) : own));
    fileCount += selected.size;
  }
  // Projects have no files in common: one list per project, in report order.
  return { diagnostics: diagnostics.sort(compareDiagnostics), positions, fileCount };
}

/** `version` goes into the SARIF log's tool description. */
export function runCheck(paths: string[], format: CheckFormat, io: CliIo, version = '0.0.0-dev', data: DataOptions = {}): number {
  const { diagnostics, positions, fileCount } = collectDiagnostics(paths, io.cwd, data, format === 'github' || format === 'sarif');
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
