// The lint rules that keep regexes on user text linear (eslint.config.mjs,
// eslint-plugin-regexp): the two patterns issue 12 found quadratic must fail
// `npm run lint`, and their linear rewrites must pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

test('an ambiguous number pattern (digits split between two quantifiers) fails lint', async () => {
  const bad = 'export const N = /^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?$/;\n';
  assert.deepEqual(await ruleIds('server/src/core/sample/new-parser.ts', bad), ['regexp/no-super-linear-backtracking']);
  const good = 'export const N = /^[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?$/;\n';
  assert.deepEqual(await ruleIds('server/src/core/sample/new-parser.ts', good), []);
});

test('an end-anchored pattern that retries from every start of a long run fails lint', async () => {
  const bad = "export const word = (line: string) => /[A-Za-z_][A-Za-z0-9_]*$/.exec(line)?.[0] ?? '';\n";
  assert.deepEqual(await ruleIds('server/src/lsp/new-context.ts', bad), ['regexp/no-super-linear-move']);
  const trailing = "export const trim = (s: string) => s.replace(/ +$/, '');\n";
  assert.deepEqual(await ruleIds('client/src/new-view.ts', trailing), ['regexp/no-super-linear-move']);
});
