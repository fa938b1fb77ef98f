// Shared by the Neovim tests: a copy of the demo project with one typo, and a
// headless Neovim run in it with its own config, data and state folders (the
// tester's own Neovim setup stays out).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface TypoProject {
  root: string;
  /** The file with the typo: `purchase_cuont` for `purchase_count`. */
  file: string;
  /** Where the typo is, 1-based. */
  line: number;
  column: number;
}

/** A temp copy of the demo project with `purchase_count` misspelt in segments/customers.segment. */
export function typoProject(): TypoProject {
  const root = mkdtempSync(join(tmpdir(), 'segments-nvim-'));
  cpSync(join(REPO_ROOT, 'samples', 'nordic-shop'), root, { recursive: true });
  const file = join(root, 'segments', 'customers.segment');
  const text = readFileSync(file, 'utf8').replace('include purchase_count >= 1', 'include purchase_cuont >= 1');
  writeFileSync(file, text);
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes('purchase_cuont'));
  return { root, file, line: index + 1, column: lines[index].indexOf('purchase_cuont') + 1 };
}

export interface NeovimRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Fails the test with what to install when there is no `nvim` (Debian: apt-get install -y neovim). */
export function requireNeovim(): string {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(version.error, undefined, 'Neovim is installed (apt-get install -y neovim; .ci/run does)');
  return version.stdout.split('\n')[0];
}

/** `nvim --headless <args>` in `cwd`, with XDG folders inside `cwd`. */
export function runNeovim(args: string[], cwd: string, env: Record<string, string> = {}): NeovimRun {
  const started = Date.now();
  const run = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(cwd, '.nvim', 'config'),
      XDG_DATA_HOME: join(cwd, '.nvim', 'data'),
      XDG_STATE_HOME: join(cwd, '.nvim', 'state'),
      XDG_CACHE_HOME: join(cwd, '.nvim', 'cache'),
      ...env,
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, seconds: (Date.now() - started) / 1000 };
}
