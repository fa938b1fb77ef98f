// What the VSIX is made of (scripts/package-vsix.mjs): every file package.json
// points the extension at is staged, every staged file exists, and the check
// of a packed VSIX catches files that should not be there. `npm run package`
// (run by the editor suite and CI) packs the real VSIX and applies that check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { checkVsixEntries, STAGED, VSIX_FILES } from '../../scripts/package-vsix.mjs';
import { REPO_ROOT } from '../support/cli';

interface Manifest {
  main: string;
  icon: string;
  contributes: {
    languages: { configuration: string; icon: { light: string; dark: string } }[];
    grammars: { path: string }[];
    snippets: { path: string }[];
    jsonValidation: { fileMatch: string | string[]; url: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

test('every file package.json points the extension at is staged into the VSIX', () => {
  const c = manifest.contributes;
  const referenced = [
    manifest.main,
    manifest.icon,
    ...c.languages.flatMap((l) => [l.configuration, l.icon.light, l.icon.dark]),
    ...c.grammars.map((g) => g.path),
    ...c.snippets.map((s) => s.path),
    ...c.jsonValidation.map((j) => j.url),
    'dist/server.js',
    'dist/data-worker.js',
    'dist/warehouse.js',
  ];
  const staged = new Set(STAGED.map(([, to]) => to));
  for (const path of referenced) assert.ok(staged.has(normalize(path)), `${path} is in the VSIX`);
});

test('every staged file exists in the repository (bundles once built)', () => {
  for (const [from] of STAGED) {
    if (from.startsWith('dist/')) continue;
    assert.ok(existsSync(join(REPO_ROOT, from)), from);
  }
});

test('the VSIX check accepts exactly the expected files', () => {
  assert.deepEqual(checkVsixEntries([...VSIX_FILES]), []);
  assert.deepEqual(checkVsixEntries([...VSIX_FILES, 'extension/node_modules/chevrotain/package.json', 'extension/dist/server.js.map']), [
    'should not hold extension/node_modules/chevrotain/package.json',
    'should not hold extension/dist/server.js.map',
  ]);
  assert.deepEqual(checkVsixEntries(VSIX_FILES.filter((f) => f !== 'extension/extension/icon.png')), ['missing extension/extension/icon.png']);
});

test('JSON validation: the config schema for segments.config.json, the attribute schema only for *.segments-schema.json', () => {
  const byUrl = new Map(manifest.contributes.jsonValidation.map((j) => [j.url, [j.fileMatch].flat()]));
  assert.deepEqual(byUrl.get('./schemas/segments.config.schema.json'), ['segments.config.json']);
  assert.deepEqual(byUrl.get('./schemas/segments.schema.schema.json'), ['*.segments-schema.json']);
  // A bare `schema.json` belongs to many other tools; the extension must not claim it.
  for (const patterns of byUrl.values()) assert.ok(!patterns.some((p) => p === 'schema.json' || p.endsWith('/schema.json')), patterns.join(', '));
});

test('the manifest says where the project lives', () => {
  const pkg = manifest as unknown as { repository: { url: string }; bugs: { url: string }; homepage: string };
  assert.match(pkg.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
  const base = pkg.repository.url.replace(/\.git$/, '');
  assert.equal(pkg.bugs.url, `${base}/issues`);
  assert.equal(pkg.homepage, `${base}#readme`);
});
