// File names as CI services want them: relative to the repository root (the
// git work tree's top, or the current folder outside git), with `/`.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { gitTopLevel } from '../git/git';

export function repositoryRoot(cwd: string): string {
  return gitTopLevel(cwd) ?? realOrSame(cwd);
}

export function repoRelativePath(root: string, file: string): string {
  return relative(root, realOrSame(file)).split(sep).join('/');
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
