// The language server with a second editor: Debian's Neovim (0.7.2) runs
// headless, starts `node dist/server.js --stdio` through its own LSP client
// and prints what it received (check.lua). Needs `npm run build` and neovim
// (apt-get install -y neovim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');
const server = join(root, 'dist', 'server.js');

test('Neovim gets diagnostics and sizes from the bundled server over --stdio', () => {
  assert.ok(existsSync(server), `${server} exists (run npm run build)`);
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(nvim.error, undefined, 'neovim is installed (apt-get install -y neovim)');

  const project = mkdtempSync(join(tmpdir(), 'segments-nvim-'));
  try {
    cpSync(join(root, 'samples', 'nordic-shop'), project, { recursive: true });
    const file = join(project, 'segments', 'customers.segment');
    writeFileSync(file, readFileSync(file, 'utf8').replace('include purchase_count >= 1', 'include purchase_cuont >= 1'));

    const started = Date.now();
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(import.meta.dirname, 'check.lua')}`, file], {
      cwd: project,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SEGMENTS_SERVER: server, SEGMENTS_ROOT: project, XDG_STATE_HOME: join(project, '.state'), XDG_DATA_HOME: join(project, '.data') },
    });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(run.status, 0, `nvim exited ${run.status} after ${seconds} s\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);

    const diagnostics = run.stdout.split('\n').filter((l) => l.startsWith('diagnostic '));
    const typo = diagnostics.find((l) => l.includes('purchase_cuont'));
    assert.ok(typo, `a diagnostic about the typo among:\n${run.stdout}`);
    // Severity 1 is an error in LSP and in vim.diagnostic; the line and column are those of the name.
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('purchase_cuont')) + 1;
    const column = readFileSync(file, 'utf8').split('\n')[line - 1].indexOf('purchase_cuont') + 1;
    assert.match(typo, new RegExp(`^diagnostic ${line}:${column} 1 unknown-attribute .*did you mean \`purchase_count\``));

    const lenses = run.stdout.split('\n').filter((l) => l.startsWith('lens '));
    assert.ok(lenses.some((l) => / of 5,000 \(/.test(l)), `a lens with the sample size among:\n${lenses.join('\n')}`);
    assert.ok(lenses.some((l) => /fix 1 error/.test(l)), 'the segment with the typo shows that it has no size');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
