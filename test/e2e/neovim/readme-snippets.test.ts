// The Neovim configuration the README gives, taken from README.md itself and
// run as a user would: as Neovim's init.lua, with `segments-language-server`
// on the PATH (a link to this repository's bin, as `npm install -g` makes),
// opening a file of a project with a typo, until a diagnostic arrives.
//
// Debian 12's Neovim is 0.7.2, and no newer one can be installed on our CI
// machines. The 0.7 snippet runs as it is. The "0.8 and newer" snippet runs on
// the same Neovim after api-0.8-on-0.7.lua, which switches on Lua filetype
// detection and fills in vim.fs.find, vim.fs.dirname and vim.lsp.start from
// 0.7's own functions: that proves the snippet's own logic (file type, project
// root, command, one server per project), not the newer Neovim itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { REPO_ROOT, requireNeovim, runNeovim, typoProject } from './neovim-run';

/** The ```lua block after each `<!-- neovim-snippet: VERSION -->` marker of README.md. */
export function readmeSnippets(markdown: string): Map<string, string> {
  const snippets = new Map<string, string>();
  const marker = /<!-- neovim-snippet: ([^ ]+) -->\s*\n```lua\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(marker)) snippets.set(m[1], `${m[2]}\n`);
  return snippets;
}

const SNIPPETS = readmeSnippets(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));

test('the README has a Neovim snippet for 0.7 (Debian 12) and one for 0.8 and newer', () => {
  assert.deepEqual([...SNIPPETS.keys()].sort(), ['0.7', '0.8+']);
  for (const [version, lua] of SNIPPETS) assert.ok(lua.includes("cmd = { 'segments-language-server', '--stdio' }"), `${version} starts the installed command`);
});

for (const [version, lua] of SNIPPETS) {
  test(`the README's Neovim ${version} snippet gets diagnostics from segments-language-server`, () => {
    const nvim = requireNeovim();
    const project = typoProject();
    try {
      const bin = join(project.root, '.bin');
      mkdirSync(bin);
      symlinkSync(join(REPO_ROOT, 'bin', 'segments-language-server.js'), join(bin, 'segments-language-server'));
      const init = join(project.root, '.nvim-init.lua');
      const shim = version === '0.7' ? '' : readFileSync(join(import.meta.dirname, 'api-0.8-on-0.7.lua'), 'utf8');
      writeFileSync(init, `${shim}\n${lua}`);

      const second = join(project.root, 'segments', 'retargeting.segment');
      const run = runNeovim(['-u', init, '-c', `luafile ${join(import.meta.dirname, 'readme-check.lua')}`, project.file], project.root, {
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        SEGMENTS_SECOND_FILE: second,
      });
      assert.equal(run.status, 0, `${nvim} exited ${run.status} after ${run.seconds} s\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);

      const lines = run.stdout.split('\n');
      assert.ok(lines.includes('filetype segment'), `the .segment file gets the segment filetype:\n${run.stdout}`);
      const typo = lines.find((l) => l.startsWith(`diagnostic ${project.line}:${project.column} `));
      assert.ok(typo, `a diagnostic at the typo (${project.line}:${project.column}) among:\n${run.stdout}`);
      assert.match(typo, /unknown attribute `purchase_cuont`; did you mean `purchase_count`\?/);
      assert.deepEqual(lines.filter((l) => l.startsWith('client ')), [`client segments ${project.root}`], 'one server, rooted at the project folder');
      assert.ok(lines.includes('second segment 1 1'), `a second file of the project joins the same server:\n${run.stdout}`);
    } finally {
      rmSync(project.root, { recursive: true, force: true });
    }
  });
}
