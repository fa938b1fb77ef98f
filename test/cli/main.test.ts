// Conventions every command shares: version flags, "no project here", colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, makeProject, runSegments } from '../support/cli';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('-v, -V and --version print the version and exit 0', () => {
  const root = makeProject({});
  try {
    for (const flag of ['-v', '-V', '--version']) {
      const r = runSegments([flag], root);
      assert.equal(r.status, 0, flag);
      assert.equal(r.stdout, `${VERSION}\n`, flag);
    }
    assert.match(runSegments(['--help'], root).stdout, /-v, --version +print the version/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('check, fmt, size and sql where there is no project exit 2 and say what was looked for and where', () => {
  const root = realpathSync(makeProject({ 'notes.txt': 'not a segment\n', 'sub/readme.md': '# no segments here\n' }));
  try {
    for (const args of [['check'], ['fmt'], ['fmt', '--check'], ['size'], ['sql', '--dialect', 'duckdb'], ['check', 'sub']]) {
      const r = runSegments(args, root);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', `${args.join(' ')} prints no report`);
      const folder = args[1] === 'sub' ? join(root, 'sub') : root;
      assert.ok(
        r.stderr.includes(`segments: no project in ${folder}: no segments.config.json there or in any folder above it, and no .segment files below it`),
        `${args.join(' ')}: ${r.stderr}`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder with a config but no segment files yet is a project', () => {
  const root = makeProject({ 'segments.config.json': '{}' });
  try {
    const r = runSegments(['check'], root);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 files checked/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder of segment files without a config is still checked', () => {
  const root = makeProject({ 'a.segment': 'segment s {\n  include age > 1\n}\n' });
  try {
    const r = runSegments(['check'], root);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 file checked/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('FORCE_COLOR paints the report in a pipe; NO_COLOR alone does not', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': 'segment s {\n  include age >\n}\n' });
  try {
    const plain = runSegments(['check'], root);
    assert.equal(plain.status, 1);
    assert.doesNotMatch(plain.stdout, /\x1b\[/);
    const forced = runSegments(['check'], root, { FORCE_COLOR: '1' });
    assert.equal(forced.status, 1);
    assert.match(forced.stdout, /\x1b\[31;1merror/);
    assert.equal(forced.stdout.replace(/\x1b\[[0-9;]*m/g, ''), plain.stdout);
    const off = runSegments(['check'], root, { FORCE_COLOR: '0', NO_COLOR: '' });
    assert.doesNotMatch(off.stdout, /\x1b\[/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
