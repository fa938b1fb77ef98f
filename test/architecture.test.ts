// ARCHITECTURE.md stays true: every path it names exists, every folder of the
// core is on the map, and the tests of core/workspace/ mirror its files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from './support/cli';

const map = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');

/** Where a short path in the text (`lsp/server.ts`, `base/bitset.ts`) may be rooted. */
const ROOTS = ['', 'server/src', 'server/src/core', 'server/src/cli', 'test'];

/** Code spans that are meant as paths: with a `/` or a file extension, and no placeholder or pattern. */
function namedPaths(text: string): string[] {
  const spans = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  return [...new Set(spans.filter((s) => (s.includes('/') || /\.(ts|mts|mjs|md|json)$/.test(s)) && !/[*<>@~]|^segments\/|^-|^https?:/.test(s)))];
}

function allFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) allFiles(full, out);
    else out.push(full);
  }
  return out;
}

test('every path ARCHITECTURE.md names exists', () => {
  const names = new Set(allFiles(REPO_ROOT).map((f) => basename(f)));
  const missing = namedPaths(map).filter((p) => {
    if (!p.includes('/')) return !names.has(p);
    return !ROOTS.some((root) => existsSync(join(REPO_ROOT, root, p)));
  });
  assert.deepEqual(missing, []);
  assert.ok(namedPaths(map).length > 100, 'the map names the files it describes');
});

test('every file a table row names is in the folder of that row', () => {
  const wrong: string[] = [];
  for (const row of map.split('\n').filter((l) => l.startsWith('| `server/src/'))) {
    const folder = /^\| `([^`]+\/)`/.exec(row)?.[1];
    if (!folder) continue;
    const cell = row.slice(row.indexOf('|', 2));
    const inFolder = new Set(allFiles(join(REPO_ROOT, folder)).map((f) => basename(f)));
    for (const [, name] of cell.matchAll(/`([\w.-]+\.ts)`/g)) {
      if (!inFolder.has(name) && !existsSync(join(REPO_ROOT, 'server/src/core', name))) wrong.push(`${folder}${name}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('every folder of the core is on the map', () => {
  const folders = readdirSync(join(REPO_ROOT, 'server/src/core')).filter((f) => statSync(join(REPO_ROOT, 'server/src/core', f)).isDirectory());
  assert.deepEqual(folders.filter((f) => !map.includes(`server/src/core/${f}/`)), []);
});

test('the tests of core/workspace/ mirror its files', () => {
  const sources = readdirSync(join(REPO_ROOT, 'server/src/core/workspace')).filter((f) => f.endsWith('.ts'));
  const missing = sources.filter((f) => !existsSync(join(REPO_ROOT, 'test/core/workspace', f.replace(/\.ts$/, '.test.ts'))));
  assert.deepEqual(missing, []);
});
