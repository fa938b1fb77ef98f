// Runs the built `segments` bin as a user would, in a given folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'segments.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs with NO_COLOR=1 and without FORCE_COLOR, unless `env` says otherwise. */
export function runSegments(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const { FORCE_COLOR: _inherited, ...outer } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...outer, NO_COLOR: '1', ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes a folder of files (relative path → content) into a fresh temp folder. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'segments-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}
