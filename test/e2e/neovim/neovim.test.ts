// The language server with a second editor: Debian's Neovim (0.7.2) runs
// headless, starts `node dist/server.js --stdio` through its own LSP client
// and prints what it received (check.lua). Needs `npm run build` and neovim
// (apt-get install -y neovim); part of the editor suite (`npm run test:e2e`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, requireNeovim, runNeovim, typoProject } from './neovim-run';

const server = join(REPO_ROOT, 'dist', 'server.js');

test('Neovim gets diagnostics and sizes from the bundled server over --stdio', () => {
  assert.ok(existsSync(server), `${server} exists (run npm run build)`);
  requireNeovim();
  const project = typoProject();
  try {
    const run = runNeovim(['-u', 'NONE', '-c', `luafile ${join(import.meta.dirname, 'check.lua')}`, project.file], project.root, {
      SEGMENTS_SERVER: server,
      SEGMENTS_ROOT: project.root,
    });
    assert.equal(run.status, 0, `nvim exited ${run.status} after ${run.seconds} s\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);

    const diagnostics = run.stdout.split('\n').filter((l) => l.startsWith('diagnostic '));
    const typo = diagnostics.find((l) => l.includes('purchase_cuont'));
    assert.ok(typo, `a diagnostic about the typo among:\n${run.stdout}`);
    // Severity 1 is an error in LSP and in vim.diagnostic; the line and column are those of the name.
    assert.match(typo, new RegExp(`^diagnostic ${project.line}:${project.column} 1 unknown-attribute .*did you mean \`purchase_count\``));

    const lenses = run.stdout.split('\n').filter((l) => l.startsWith('lens '));
    assert.ok(lenses.some((l) => / of 5,000 \(/.test(l)), `a lens with the sample size among:\n${lenses.join('\n')}`);
    assert.ok(lenses.some((l) => /fix 1 error/.test(l)), 'the segment with the typo shows that it has no size');
  } finally {
    rmSync(project.root, { recursive: true, force: true });
  }
});
