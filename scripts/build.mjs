// Bundles the CLI, the language server and the VS Code client with esbuild.
// The bundles are CommonJS (VS Code loads extensions with require); a
// package.json in dist/ says so, since the repository itself is ESM.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli/bin.ts', out: 'dist/cli.js' },
  { in: 'server/src/lsp/bin.ts', out: 'dist/server.js', optional: true },
  // Loads a project's sample off the server's main thread; found next to dist/server.js.
  { in: 'server/src/lsp/data-worker.ts', out: 'dist/data-worker.js', optional: true },
  // Reads the second half of a large CSV sample for the CLI and the data worker; found next to them.
  { in: 'server/src/core/sample/csv-part-worker.ts', out: 'dist/csv-part-worker.js' },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'], optional: true },
  // The insight panel's page (a browser script; its CSS comes out beside it as dist/insight-view.css).
  { in: 'client/src/insight-view/main.ts', out: 'dist/insight-view.js', browser: true, optional: true },
];

mkdirSync('dist', { recursive: true });
writeFileSync('dist/package.json', JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

for (const entry of entries) {
  if (entry.optional && !existsSync(entry.in)) continue;
  const started = Date.now();
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: entry.browser ? 'browser' : 'node',
    target: entry.browser ? 'chrome120' : 'node20',
    format: entry.browser ? 'iife' : 'cjs',
    sourcemap: production ? false : 'linked',
    minify: production,
    external: entry.external ?? [],
    // jsonc-parser's UMD build requires its modules by computed paths esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
    define: { SEGMENTS_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
  console.log(`built ${entry.out} in ${Date.now() - started} ms`);
}
if (watch) console.log('(watch mode is not implemented; rerun npm run build)');
