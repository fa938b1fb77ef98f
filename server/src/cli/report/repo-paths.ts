// File names as CI services want them: relative to the repository root (the
// git work tree's top, or the current folder outside git), with `/`.
import { relative, sep } from 'node:path';
import { realPathOrSame } from '../../core/project/files';
import { gitTopLevel } from '../git/git';

export function repositoryRoot(cwd: string): string {
  return gitTopLevel(cwd) ?? realPathOrSame(cwd);
}

export function repoRelativePath(root: string, file: string): string {
  return relative(root, realPathOrSame(file)).split(sep).join('/');
}
