// The segment files of a project as they are in a commit, with the same rules
// as listing them on disk (project/find-project.ts): dot-folders and
// node_modules are skipped, and a sub-folder with its own segments.config.json
// is another project. Paths come back absolute, as if the commit were checked
// out where the working tree is, so both versions of a file share one name.
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from '../../core/project/config';
import { SEGMENT_EXTENSION } from '../../core/project/find-project';
import type { SourceText } from '../../core/project/open-projects';
import { listFilesAt, readFilesAt } from './git';

/**
 * @param top the git work tree's top folder
 * @param projectFolder the project's folder relative to `top`, with `/` ('' for the top itself)
 */
export function segmentSourcesAt(top: string, commit: string, projectFolder: string): SourceText[] {
  const prefix = projectFolder === '' ? '' : `${projectFolder}/`;
  const inProject = listFilesAt(top, commit, projectFolder)
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length));
  const otherProjects = inProject
    .filter((p) => p.endsWith(`/${CONFIG_FILE_NAME}`))
    .map((p) => p.slice(0, -CONFIG_FILE_NAME.length));
  const files = inProject
    .filter((p) => p.endsWith(SEGMENT_EXTENSION))
    .filter((p) => !p.split('/').slice(0, -1).some((dir) => dir.startsWith('.') || dir === 'node_modules'))
    .filter((p) => !otherProjects.some((folder) => p.startsWith(folder)))
    .sort();
  const texts = readFilesAt(top, commit, files.map((f) => prefix + f));
  return files.flatMap((f) => {
    const text = texts.get(prefix + f);
    return text === undefined ? [] : [{ path: join(top, ...(prefix + f).split('/')), text }];
  });
}
