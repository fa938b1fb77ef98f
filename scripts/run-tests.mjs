// Runs test files with Node's own test runner, TypeScript loaded through tsx.
// Node 20 does not expand globs for --test, so the files are listed here.
//   node scripts/run-tests.mjs [fragments…]           every test/**/*.test.ts outside test/e2e/:
//                                                     needs only `npm ci` (`npm test`)
//   node scripts/run-tests.mjs --editor [fragments…]  the *.test.ts files under test/e2e/, which need
//                                                     programs from Debian (Neovim; part of `npm run test:e2e`)
// A fragment keeps the files whose path contains it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

const args = process.argv.slice(2);
const editor = args.includes('--editor');
const filter = args.filter((a) => a !== '--editor');
const EDITOR_SUITE = join('test', 'e2e');
const files = findTests(editor ? EDITOR_SUITE : 'test')
  .filter((f) => editor || !f.startsWith(EDITOR_SUITE))
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
