// `segments fmt [paths…] [--check]`: rewrites files in the canonical layout, or
// with --check lists the files that are not formatted and exits 1.
import { relative } from 'node:path';
import { formatSegments } from '../../core/format/format';
import { formatCount, plural } from '../../core/text/numbers';
import { writeText } from '../../core/project/files';
import { openProjects } from '../../core/project/open-projects';
import type { CliIo } from '../io';

export function runFmt(paths: string[], check: boolean, io: CliIo): number {
  let unformatted = 0;
  let changed = 0;
  let total = 0;
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
        writeText(source.path, formatted);
        changed++;
        io.out(`formatted ${name}\n`);
      }
    }
  }
  if (check) {
    io.out(unformatted === 0 ? `✓ ${plural(total, 'file')} already formatted\n` : `${formatCount(unformatted)} of ${formatCount(total)} files need formatting: run \`segments fmt\`\n`);
    return unformatted === 0 ? 0 : 1;
  }
  io.out(`${formatCount(changed)} of ${plural(total, 'file')} reformatted\n`);
  return 0;
}
