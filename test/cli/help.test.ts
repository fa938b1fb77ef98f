// `--help` of each command: its examples work on the demo project, and its
// docs link points at a heading that exists in docs/cli.md of the repository
// the package names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_DOCS_URL, docsLink, EXAMPLES, REPOSITORY_URL, type CommandName } from '../../server/src/cli/help';
import { REPO_ROOT, makeProject, runSegments } from '../support/cli';
import { git } from './git-repo';

const COMMANDS = Object.keys(EXAMPLES) as CommandName[];

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to dashes. */
function githubAnchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

test('the help links point into the repository that package.json names', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { repository: { url: string }; homepage: string };
  assert.equal(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''), REPOSITORY_URL);
  assert.ok(CLI_DOCS_URL.startsWith(`${REPOSITORY_URL}/blob/main/`));
  const anchors = readFileSync(join(REPO_ROOT, 'docs', 'cli.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => githubAnchor(l.slice(3)));
  for (const command of COMMANDS) assert.ok(anchors.includes(docsLink(command).split('#')[1]), `docs/cli.md has a heading for ${command}`);
});

test('--help of every command shows its examples and its docs link', () => {
  const root = makeProject({});
  try {
    for (const command of COMMANDS) {
      const r = runSegments([command, '--help'], root);
      assert.equal(r.status, 0, command);
      assert.match(r.stdout, /\nExamples:\n/);
      for (const example of EXAMPLES[command]) assert.ok(r.stdout.includes(`$ segments ${example.args}`), `${command} --help shows \`${example.args}\``);
      assert.ok(r.stdout.includes(`Docs: ${docsLink(command)}\n`), `${command} --help links ${docsLink(command)}`);
      assert.ok(readFileSync(join(REPO_ROOT, 'docs', 'cli.md'), 'utf8').includes(`segments ${EXAMPLES[command][0].args}`), `docs/cli.md shows the ${command} example`);
    }
    const top = runSegments(['--help'], root);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /\nExamples:\n {2}# .*\n {2}\$ segments check\n/);
    assert.ok(top.stdout.includes(`Docs: ${CLI_DOCS_URL}\n`));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('every example in the help runs on the demo project', () => {
  const root = mkdtempSync(join(tmpdir(), 'segments-help-'));
  try {
    cpSync(join(REPO_ROOT, 'samples', 'nordic-shop'), root, { recursive: true });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '--no-verify', '-m', 'demo');
    git(root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    for (const command of COMMANDS) {
      // fmt rewrites files: after the first example the project is formatted, as the second expects.
      for (const example of EXAMPLES[command]) {
        const r = runSegments(example.args.split(' '), root);
        assert.equal(r.status, 0, `segments ${example.args} exited ${r.status}\n${r.stdout}${r.stderr}`);
        assert.notEqual(r.stdout.trim(), '', `segments ${example.args} printed something`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
