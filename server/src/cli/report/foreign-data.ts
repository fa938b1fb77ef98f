// What reports that leave the machine (GitHub annotations, SARIF: the
// documented CI workflow posts them on pull requests) may say about data
// read from outside the project folder. A config can name any file as its
// `sample`, `events` or `schema` (`../../home/me/.netrc`); the local text and
// JSON reports still say everything, since the person running them can read
// those files anyway, but a CI report carries no value taken from them: a
// diagnostic on such a file, or one on a segment file that quotes names or
// values the data files supply, keeps its code, file and line and says, in
// place of its message, what kind of problem it is and where to see it whole.
import type { Diagnostic } from '../../core/base/diagnostics';
import type { ProjectConfig } from '../../core/project/config';
import { isInsideFolder } from '../../core/project/files';
import { ALL_DIAGNOSTIC_CODES } from '../../core/workspace/diagnostic-codes';

/** Segment-file diagnostics whose message or fix quotes names, values or hints from the schema or the sample. */
const QUOTES_DATA = new Set([
  'unknown-attribute',
  'unknown-event',
  'unknown-event-property',
  'value-not-allowed',
  'value-never-seen',
  'deprecated-attribute',
]);

/** The project's data files (sample, events, schema) whose real path is outside its folder. */
export function foreignDataFiles(config: ProjectConfig): string[] {
  return [config.sample, config.events, config.schema].filter((f): f is string => f !== undefined && !isInsideFolder(f, config.root));
}

/** The diagnostics of one project as a CI report may show them (see the top of this file). */
export function withoutForeignData(diagnostics: Diagnostic[], config: ProjectConfig): Diagnostic[] {
  const foreign = new Set(foreignDataFiles(config));
  if (foreign.size === 0) return diagnostics;
  return diagnostics.map((d) => (foreign.has(d.file) || QUOTES_DATA.has(d.code) ? withheld(d) : d));
}

function withheld(d: Diagnostic): Diagnostic {
  const description = ALL_DIAGNOSTIC_CODES.get(d.code)?.description ?? `A \`${d.code}\` problem.`;
  const { fixes: _fixes, ...rest } = d;
  return {
    ...rest,
    message: `${description} (Details are not shown in CI reports because this project reads data from outside its folder; run \`segments check\` locally to see them.)`,
  };
}
