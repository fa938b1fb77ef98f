// The lint rules of eslint.config.mjs that keep the layers of ARCHITECTURE.md:
// each import below is one a future change might add, and each must fail
// `npm run lint` (which `npm test` runs) with a message naming the rule broken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const CASES: { name: string; file: string; code: string; rule: string; says: RegExp }[] = [
  {
    name: 'base/ imports nothing else of the core',
    file: 'server/src/core/base/new-primitive.ts',
    code: "import type { SampleStore } from '../sample/store';\nexport type S = SampleStore;\n",
    rule: 'import-x/no-restricted-paths',
    says: /core\/base\/ may import only nothing else of the core/,
  },
  {
    name: 'a lower layer does not import a higher one (sample → evaluate)',
    file: 'server/src/core/sample/new-loader.ts',
    code: "import { Evaluator } from '../evaluate/evaluator';\nexport const E = Evaluator;\n",
    rule: 'import-x/no-restricted-paths',
    says: /core\/sample\/ may import only base\/, text\/, syntax\/, project\//,
  },
  {
    name: 'layers of the same rank stay apart (sql → evaluate)',
    file: 'server/src/core/sql/new-dialect.ts',
    code: "import { Evaluator } from '../evaluate/evaluator';\nexport const E = Evaluator;\n",
    rule: 'import-x/no-restricted-paths',
    says: /core\/sql\//,
  },
  {
    name: 'the core does not import the language server',
    file: 'server/src/core/workspace/new-question.ts',
    code: "import { hover } from '../../lsp/hover';\nexport const h = hover;\n",
    rule: 'import-x/no-restricted-paths',
    says: /knows neither/,
  },
  {
    name: 'the core does not import the CLI',
    file: 'server/src/core/diff/new-report.ts',
    code: "import { runCli } from '../../cli/main';\nexport const r = runCli;\n",
    rule: 'import-x/no-restricted-paths',
    says: /knows neither/,
  },
  {
    name: 'the core imports no vscode module',
    file: 'server/src/core/format/new-format.ts',
    code: "import type { Range } from 'vscode-languageserver';\nexport type R = Range;\n",
    rule: 'no-restricted-imports',
    says: /imports no editor or protocol module/,
  },
  {
    name: 'the core outside the loaders does no file I/O',
    file: 'server/src/core/workspace/new-reader.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    rule: 'no-restricted-imports',
    says: /Only the loaders/,
  },
  {
    name: 'a host does no file I/O of its own',
    file: 'server/src/lsp/new-feature.ts',
    code: "import { statSync } from 'fs';\nexport const s = statSync;\n",
    rule: 'no-restricted-imports',
    says: /Only the loaders/,
  },
  {
    name: 'a host asks the snapshot instead of running the evaluator itself',
    file: 'server/src/lsp/new-preview.ts',
    code: "import { Evaluator } from '../core/evaluate/evaluator';\nexport const E = Evaluator;\n",
    rule: 'import-x/no-restricted-paths',
    says: /ask the project snapshot/,
  },
  {
    name: 'a host does not compile SQL or merge diagnostics on its own',
    file: 'server/src/cli/commands/new-export.ts',
    code: "import { compileSegment } from '../../core/sql/compile';\nimport { mergeDiagnostics } from '../../core/workspace/merge-diagnostics';\nexport const c = [compileSegment, mergeDiagnostics];\n",
    rule: 'import-x/no-restricted-paths',
    says: /ask the project snapshot/,
  },
  {
    name: 'the CLI does not import the language server',
    file: 'server/src/cli/commands/new-command.ts',
    code: "import { hover } from '../../lsp/hover';\nexport const h = hover;\n",
    rule: 'import-x/no-restricted-paths',
    says: /two hosts of the core/,
  },
];

for (const c of CASES) {
  test(`lint: ${c.name}`, async () => {
    const found = await problems(c.file, c.code);
    const hit = found.find((p) => p.startsWith(`${c.rule}:`));
    assert.ok(hit, `expected ${c.rule}, got ${JSON.stringify(found)}`);
    assert.match(hit, c.says);
  });
}

test('lint: the loaders may read files, and a layer may import the layers below it', async () => {
  assert.deepEqual(await problems('server/src/core/sample/new-loader.ts', "import { readFileSync } from 'node:fs';\nimport type { Span } from '../base/span';\nexport const r = readFileSync;\nexport type S = Span;\n"), []);
  assert.deepEqual(await problems('server/src/core/workspace/new-question.ts', "import { Evaluator } from '../evaluate/evaluator';\nexport const E = Evaluator;\n"), []);
});

test('lint: an import cycle fails', async () => {
  // csv.ts is imported by csv-rows.ts, so csv.ts importing csv-rows.ts closes a cycle.
  const found = await problems('server/src/core/sample/csv.ts', "import { RowLines } from './csv-rows';\nexport const R = RowLines;\n");
  assert.ok(found.some((p) => p.startsWith('import-x/no-cycle:')), JSON.stringify(found));
});
