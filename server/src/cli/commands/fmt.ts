// `segments fmt [paths…] [--check]`: rewrites files in the canonical layout, or
// with --check lists the files that are not formatted and exits 1.
// It writes only inside the project: a `.segment` that is a link to a file
// outside the project folder is checked (and listed by --check) but never
// rewritten, and neither is a file that is not UTF-8 text; fmt says which and
// exits 1, since it could not do all it was asked.
import { relative } from 'node:path';
import { formatSegments } from '../../core/format/format';
import { formatCount, plural } from '../../core/text/numbers';
import { writeTextInProject, type WriteRefusal } from '../../core/project/files';
import { openProjects } from '../../core/project/open-projects';
import type { CliIo } from '../io';

export function runFmt(paths: string[], check: boolean, io: CliIo): number {
  let unformatted = 0;
  let changed = 0;
  let total = 0;
  let refused = 0;
  for (const project of openProjects(paths, io.cwd)) {
    for (const source of project.sources) {
      if (!project.selected.has(source.path)) continue;
      total++;
      const formatted = formatSegments(source.text);
      if (formatted === source.text) continue;
      const name = relative(io.cwd, source.path) || source.path;
      if (check) {
        unformatted++;
        io.out(`not formatted: ${name}\n`);
      } else {
        const refusal = writeTextInProject(project.config.root, source.path, formatted);
        if (refusal) {
          refused++;
          io.err(`not rewritten: ${name}: ${refusalWords(refusal)}\n`);
          continue;
        }
        changed++;
        io.out(`formatted ${name}\n`);
      }
    }
  }
  if (check) {
    io.out(unformatted === 0 ? `✓ ${plural(total, 'file')} already formatted\n` : `${formatCount(unformatted)} of ${formatCount(total)} files need formatting: run \`segments fmt\`\n`);
    return unformatted === 0 ? 0 : 1;
  }
  io.out(`${formatCount(changed)} of ${plural(total, 'file')} reformatted${refused > 0 ? `; ${formatCount(refused)} not rewritten (see above)` : ''}\n`);
  return refused > 0 ? 1 : 0;
}

function refusalWords(refusal: WriteRefusal): string {
  switch (refusal.kind) {
    case 'outside-project':
      return `it is a link to ${refusal.realPath}, outside the project folder; fmt writes only inside the project (it was checked, not changed)`;
    case 'not-utf8':
      return 'it is not UTF-8 text, and rewriting it would replace the bytes that are not; re-save it as UTF-8 first';
  }
}
