// Lint: mostly the layering of ARCHITECTURE.md, enforced. `npm test` runs it,
// so an import that breaks a layer fails the build, with the rule's message
// saying which layer may not reach which.
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import regexpPlugin from 'eslint-plugin-regexp';

const CORE = 'server/src/core';

/**
 * The core's folders from the bottom up. A folder may import folders of lower
 * rank only; folders of the same rank do not import each other.
 */
const CORE_LAYERS = [
  ['base'], // spans, days, value types, bitsets, the Diagnostic shape: imports nothing of the core
  ['text'], // offsets ↔ lines, numbers and plurals for people, did-you-mean, span edits
  ['syntax', 'project'], // the parser; the config and schema loaders
  ['sample'], // the columnar store and its loaders
  ['check'], // names, types and values; also the words for conditions (describe.ts, format-name.ts) that others reuse
  ['evaluate', 'sql', 'format', 'explain', 'insight'], // counting members, compiling SQL, laying out text, conditions in plain words, describing audiences
  ['workspace'], // the project snapshot: composes everything below
  ['diff'], // compares two snapshots (`segments diff`)
];

const rankOf = new Map(CORE_LAYERS.flatMap((folders, rank) => folders.map((f) => [f, rank])));

/** One zone per core folder: it may not import any folder of its own rank or above. */
const layerZones = [...rankOf].map(([folder, rank]) => {
  const lower = [...rankOf].filter(([, r]) => r < rank).map(([other]) => `${other}/`);
  return {
    target: `./${CORE}/${folder}`,
    from: [...rankOf].filter(([other, r]) => other !== folder && r >= rank).map(([other]) => `./${CORE}/${other}`),
    message: `core/${folder}/ may import only ${lower.length > 0 ? lower.join(', ') : 'nothing else of the core'} (the layers of ARCHITECTURE.md): move what both need down a layer (primitives to base/).`,
  };
}).filter((zone) => zone.from.length > 0);

/** Hosts and the editor client: the core knows none of them. */
const hostZones = [
  { target: `./${CORE}`, from: ['./server/src/lsp', './server/src/cli', './server/src/host', './client'], message: 'The core is shared by the CLI and the language server and knows neither (nor the VS Code client).' },
  { target: './server/src/lsp', from: ['./server/src/cli'], message: 'The language server and the CLI are two hosts of the core; share code through the core.' },
  { target: './server/src/cli', from: ['./server/src/lsp'], message: 'The language server and the CLI are two hosts of the core; share code through the core.' },
  {
    // The snapshot decides readiness, sizes, SQL and the merged diagnostics; the hosts ask it.
    target: ['./server/src/lsp', './server/src/cli', './server/src/host'],
    from: [
      `./${CORE}/evaluate`,
      `./${CORE}/sql/compile.ts`,
      `./${CORE}/check/check-project.ts`,
      `./${CORE}/workspace/analyze.ts`,
      `./${CORE}/workspace/readiness.ts`,
      `./${CORE}/workspace/merge-diagnostics.ts`,
    ],
    message: 'Hosts ask the project snapshot (core/workspace/snapshot.ts) for analyses, readiness, sizes, SQL and diagnostics, so the CLI and the editor cannot disagree: add the question to the snapshot.',
  },
  { target: './client', from: ['./server/src/core', './server/src/cli', './server/src/host'], message: 'The VS Code client talks to the server over LSP only (client/src/protocol.ts re-exports lsp/protocol.ts).' },
];

const FS_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'];

export default tseslint.config(
  // Build output and tool folders (all git-ignored): out/ holds the bundled editor tests, .e2e-tools/ CI's code-server.
  { ignores: ['dist/**', 'out/**', '.e2e-tools/**', '.test-artifacts/**', 'node_modules/**', '**/*.d.ts', '**/*.d.mts', 'test/fixtures/**', 'samples/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // A parameter kept for an interface's shape is named `_x` (tsconfig's noUnusedParameters agrees).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...hostZones] }],
    },
  },
  {
    // Regexes of the product run on user text (segment files, data cells, JSON files): each must
    // be linear, with no nested or ambiguous quantifiers that backtrack over a long input
    // (a 100k-digit cell took 4 s per cell through one such number pattern). scslre, under
    // these two rules, finds the patterns whose worst case is super-linear.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { regexp: regexpPlugin },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
    },
  },
  {
    // The import graph of the product has no cycles (tests and scripts are leaves).
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: [`${CORE}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['vscode', 'vscode-*'], message: 'The core imports no editor or protocol module: the language server (lsp/) turns core results into LSP shapes.' }],
          paths: FS_MODULES.map((name) => ({ name, message: 'Only the loaders (core/project/, core/sample/) touch the file system; take texts and paths from them.' })),
        },
      ],
    },
  },
  {
    // Hosts reach the disk through the core's loaders too, so every read and write has one place to be made safe.
    files: ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts', 'server/src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: FS_MODULES.map((name) => ({ name, message: 'Only the loaders (core/project/, core/sample/) touch the file system: add what you need there.' })) },
      ],
    },
  },
  {
    // The loaders: the one place of file system access.
    files: [`${CORE}/project/**/*.ts`, `${CORE}/sample/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'vscode-*'], message: 'The core imports no editor or protocol module.' }] }],
    },
  },
);
