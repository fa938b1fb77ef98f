import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_DIAGNOSTIC_CODES, DIAGNOSTIC_CODE_GROUPS, renderDiagnosticsDoc } from '../../../server/src/core/workspace/diagnostic-codes';

test('docs/diagnostics.md is up to date (run scripts/gen-diagnostics-doc.ts)', () => {
  assert.equal(readFileSync(new URL('../../../docs/diagnostics.md', import.meta.url), 'utf8'), renderDiagnosticsDoc());
});

test('codes are unique across groups', () => {
  const total = DIAGNOSTIC_CODE_GROUPS.reduce((n, g) => n + g.codes.length, 0);
  assert.equal(ALL_DIAGNOSTIC_CODES.size, total);
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('every code the parser, loaders and sizes emit is registered', () => {
  const emitted = new Set<string>();
  for (const dir of ['syntax', 'sample', 'workspace']) {
    for (const file of sourceFiles(join('server/src/core', dir))) {
      if (file.endsWith('codes.ts')) continue;
      const text = readFileSync(file, 'utf8');
      // Codes are passed as the argument after the severity: 'error', 'code-name'.
      for (const m of text.matchAll(/'(?:error|warning|info)',\s*'([a-z]+(?:-[a-z]+)+)'/g)) emitted.add(m[1]);
      for (const m of text.matchAll(/code: '([a-z]+(?:-[a-z]+)+)'/g)) emitted.add(m[1]);
    }
  }
  assert.ok(emitted.size >= 10, `found only ${emitted.size}`);
  for (const code of emitted) assert.ok(ALL_DIAGNOSTIC_CODES.has(code), `unregistered code ${code}`);
});
