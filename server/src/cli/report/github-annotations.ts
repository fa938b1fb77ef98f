// `check --format github`: one GitHub Actions workflow command per diagnostic,
// which GitHub shows as an annotation on the file and line of the pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Diagnostic, Severity } from '../../core/base/diagnostics';
import type { SourcePositions } from '../../core/text/source-positions';
import { repoRelativePath } from './repo-paths';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping of a command's message (GitHub's `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property values (GitHub's `escapeProperty`): also `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithubAnnotations(diagnostics: Diagnostic[], positions: SourcePositions, repoRoot: string): string {
  return diagnostics
    .map((d) => {
      const r = positions.resolve(d);
      const properties = [
        ['file', repoRelativePath(repoRoot, d.file)],
        ['line', String(r.line)],
        ['col', String(r.column)],
        ['endLine', String(r.endLine)],
        ['endColumn', String(r.endColumn)],
        ['title', `segments: ${d.code}`],
      ];
      const props = properties.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',');
      return `::${COMMANDS[d.severity]} ${props}::${escapeData(d.message)}\n`;
    })
    .join('');
}
