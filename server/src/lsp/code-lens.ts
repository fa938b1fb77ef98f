// Above each segment: its size in the sample, its share and, with a
// population, the estimated real size (`1,204 of 5,000 (24.1%) · ≈ 578k
// (561k–595k) of 2.4M`); while some conditions are broken, the size without
// them (`≤ 78 of 5,000 (1.6%) · without line 14 (incomplete)`); or why there is
// none. The words are the core's (workspace/size-words.ts), the same as the
// CLI's. A client that says it has the commands (the VS Code extension) gets
// the lens as a button opening the insight panel, and a second one, "SQL".
// Recomputed for every request (cheap: the evaluator caches per condition);
// the server asks the client to re-request after each analysis.
import type { CodeLens } from 'vscode-languageserver/node';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { sizeExplanation, sizeTitle } from '../core/workspace/size-words';
import { SHOW_INSIGHT_COMMAND, SHOW_SQL_COMMAND, type SegmentCommandArgs } from './protocol';

export interface LensOptions {
  /** The client runs SHOW_INSIGHT_COMMAND and SHOW_SQL_COMMAND (it said so in initializationOptions.commands). */
  commands: ReadonlySet<string>;
  uri: string;
}

export function codeLenses(project: ProjectSnapshot, path: string, options: LensOptions = { commands: new Set(), uri: '' }): CodeLens[] {
  const file = project.parsed(path);
  const index = project.lineIndex(path);
  if (!file || !index) return [];
  const lineOf = (offset: number): number => index.positionAt(offset).line + 1;
  const population = project.config.population;
  const lenses: CodeLens[] = [];
  for (const decl of file.ast.segments) {
    const range = spanToRange(index, { start: decl.span.start, end: decl.id?.span.end ?? decl.span.start });
    const size = project.size(decl);
    // Without a sample there is nothing to preview; a lens on every block saying so would be noise.
    if (size.kind === 'no-sample' && size.problem === 'none') continue;
    const args = (tooltip: string): SegmentCommandArgs => ({ uri: options.uri, position: range.start, segment: decl.id?.text, tooltip });
    const title = sizeTitle(size, lineOf, population);
    const explained = `${sizeExplanation(size, lineOf, population)}\nClick for the audience insight: funnel, who they are, overlap, sample members.`;
    lenses.push({
      range,
      command: options.commands.has(SHOW_INSIGHT_COMMAND) ? { title, command: SHOW_INSIGHT_COMMAND, arguments: [args(explained)] } : { title, command: '' },
    });
    if (options.commands.has(SHOW_SQL_COMMAND) && decl.id) {
      lenses.push({ range, command: { title: 'SQL', command: SHOW_SQL_COMMAND, arguments: [args(`Show the SQL of segment \`${decl.id.text}\``)] } });
    }
  }
  return lenses;
}
