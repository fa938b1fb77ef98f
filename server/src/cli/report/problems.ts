// What `size`, `sql` and `diff` say before their output when the project has
// errors (in the config, the schema, the sample or any segment file): each
// error rustc-style on stderr, as `check` prints it, so CI logs show why the
// command exits 1. The JSON outputs carry the same errors as `problems`.
import type { Diagnostic } from '../../core/base/diagnostics';
import type { OpenedProject } from '../../core/workspace/open-snapshots';
import { plural } from '../../core/text/numbers';
import type { CliIo } from '../io';
import { toJsonDiagnostics, type JsonDiagnostic } from './json-report';
import { positionsOf } from './positions';
import { formatTextReport } from './text-report';

export interface ProjectProblems {
  /** Every error of the projects, in report order. */
  errors: Diagnostic[];
  /** The errors as JSON (the shape of `check --format json`). */
  json(diagnostics: Diagnostic[]): JsonDiagnostic[];
}

/** Prints the projects' errors to stderr (nothing when there are none) and returns them. */
export function reportProblems(projects: OpenedProject[], io: CliIo, command: string): ProjectProblems {
  const positions = positionsOf(projects);
  const errors = projects.flatMap(({ snapshot }) => snapshot.errors());
  if (errors.length > 0) {
    const report = formatTextReport(errors, positions, { cwd: io.cwd, color: io.color });
    io.err(report.endsWith('\n') ? report : `${report}\n`);
    io.err(`segments ${command}: the project has ${plural(errors.length, 'error')} (above); what could be computed is printed, and the exit status is 1\n`);
  }
  return { errors, json: (diagnostics) => toJsonDiagnostics(diagnostics, positions, io.cwd) };
}
