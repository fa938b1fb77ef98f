// Real git repositories in temp folders for the `segments diff` tests. Author,
// committer and dates are fixed, so the same files always give the same
// commit ids (the golden reports show them).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeProject } from '../support/cli';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Segments Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Segments Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z',
  // The tester's own git settings (signing, hooks, default branch) stay out.
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: ENV });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** A fresh repository on branch `main` with `files` committed. */
export function makeRepo(files: Record<string, string>): string {
  const root = makeProject(files);
  git(root, 'init', '-q', '-b', 'main');
  commitAll(root, 'base');
  return root;
}

export function commitAll(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-verify', '-m', message);
}

/** Writes files (relative path → content; null deletes the file). */
export function writeFiles(root: string, files: Record<string, string | null>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    if (content === null) {
      rmSync(path);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
}
