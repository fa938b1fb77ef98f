// Reads a project as it is in a git commit, without checking anything out:
// `git ls-tree` lists the files, `git cat-file --batch` reads them, and nothing
// is written to the user's working tree or index.
import { spawnSync } from 'node:child_process';
import { realPathOrSame } from '../../core/project/files';
import { UsageError } from '../../core/project/open-projects';

const MAX_OUTPUT = 1024 * 1024 * 1024;

function git(args: string[], cwd: string, input?: Buffer): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: MAX_OUTPUT, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? 'git is not installed (or not on PATH); `segments diff` needs it' : `cannot run git: ${r.error.message}`);
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** The top folder of the git work tree holding `dir`, or undefined when `dir` is in none (or git is missing). */
export function gitTopLevel(dir: string): string | undefined {
  let r;
  try {
    r = git(['rev-parse', '--show-toplevel'], dir);
  } catch {
    return undefined;
  }
  if (r.status !== 0) return undefined;
  return realPathOrSame(r.stdout.toString('utf8').trim());
}

/** The commit a ref names; a UsageError saying so when it names none. */
export function resolveCommit(top: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`not a git ref: ${ref}`);
  const r = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top);
  if (r.status !== 0) {
    const hint = /^origin\//.test(ref) || ref.includes('/')
      ? ' (in CI, fetch the history first: actions/checkout with `fetch-depth: 0`)'
      : '';
    throw new UsageError(`unknown git ref \`${ref}\`: no branch, tag or commit of that name in ${top}${hint}`);
  }
  return r.stdout.toString('utf8').trim();
}

/** Every file under `folder` (relative to the top, '' for all) in a commit, as top-relative paths with `/`. */
export function listFilesAt(top: string, commit: string, folder: string): string[] {
  const r = git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', folder === '' ? '.' : folder], top);
  if (r.status !== 0) throw new UsageError(`git ls-tree failed for ${commit}: ${r.stderr.trim()}`);
  return r.stdout.toString('utf8').split('\0').filter((p) => p !== '');
}

/** The text of files in a commit (top-relative paths); a path that is not a file there is left out. */
export function readFilesAt(top: string, commit: string, paths: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  // `git cat-file --batch` takes one object name a line, so a path with a line break cannot be asked for.
  const askable = paths.filter((p) => !/[\r\n]/.test(p));
  if (askable.length === 0) return texts;
  const input = Buffer.from(askable.map((p) => `${commit}:${p}\n`).join(''), 'utf8');
  const r = git(['cat-file', '--batch'], top, input);
  if (r.status !== 0) throw new UsageError(`git cat-file failed: ${r.stderr.trim()}`);
  const out = r.stdout;
  let at = 0;
  for (const path of askable) {
    const lineEnd = out.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const header = out.subarray(at, lineEnd).toString('utf8');
    at = lineEnd + 1;
    const m = /^\S+ (\S+) (\d+)$/.exec(header);
    if (!m) continue; // "<name> missing"
    const size = Number(m[2]);
    if (m[1] === 'blob') texts.set(path, out.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return texts;
}
