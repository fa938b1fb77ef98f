// Where the editor suite keeps its tools: a reusable cache in the home folder
// on a developer's machine, a fresh folder inside the clone under CI (so every
// CI run walks the install path), or the folder SEGMENTS_E2E_CACHE names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/cli';

function cacheChoice(env: Record<string, string | undefined>): { cacheDir: string; freshCache: boolean } {
  const script = `import('${join(REPO_ROOT, 'scripts', 'e2e', 'cache.mjs')}').then((m) => console.log(JSON.stringify({ cacheDir: m.cacheDir, freshCache: m.freshCache })))`;
  const { CI: _ci, SEGMENTS_E2E_CACHE: _cache, ...outer } = process.env;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...outer, HOME: '/home/ana', ...env } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cacheDir: string; freshCache: boolean };
}

test('a developer machine reuses ~/.cache/segments-e2e', () => {
  assert.deepEqual(cacheChoice({}), { cacheDir: '/home/ana/.cache/segments-e2e', freshCache: false });
  assert.deepEqual(cacheChoice({ CI: 'false' }), { cacheDir: '/home/ana/.cache/segments-e2e', freshCache: false });
  assert.deepEqual(cacheChoice({ CI: '0' }), { cacheDir: '/home/ana/.cache/segments-e2e', freshCache: false });
});

test('CI installs afresh inside the clone', () => {
  for (const ci of ['true', '1', 'yes']) assert.deepEqual(cacheChoice({ CI: ci }), { cacheDir: join(REPO_ROOT, '.e2e-tools'), freshCache: true }, `CI=${ci}`);
});

test('SEGMENTS_E2E_CACHE names a kept folder, also under CI', () => {
  assert.deepEqual(cacheChoice({ CI: 'true', SEGMENTS_E2E_CACHE: '/var/cache/tools' }), { cacheDir: '/var/cache/tools', freshCache: false });
});
