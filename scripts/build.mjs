// Bundles the CLI, the language server and the VS Code client with esbuild.
// The bundles are CommonJS (VS Code loads extensions with require); a
// package.json in dist/ says so, since the repository itself is ESM.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  // Exact counts on the user's database (`segments size --on`): the PostgreSQL client bundled, DuckDB's native
  // driver loaded from node_modules (an optional dependency); required only when asked, so no other run pays for it.
  { in: 'server/src/host/warehouse/count-on.ts', out: 'dist/warehouse.js', external: ['@duckdb/node-api', 'pg-native'] },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'], optional: true },
  // The insight panel's page (a browser script; its CSS comes out beside it as dist/insight-view.css).
  { in: 'client/src/insight-view/main.ts', out: 'dist/insight-view.js', browser: true, optional: true },
];

/**
 * A hash of the sources that decide what a loaded sample holds: a sample cache
 * (core/sample/store-cache.ts) written by another build of them is not used.
 */
function loaderId() {
  const digest = createHash('sha256');
  for (const folder of ['server/src/core/base', 'server/src/core/project', 'server/src/core/sample']) {
    for (const name of readdirSync(folder, { recursive: true }).map(String).sort()) {
      if (!name.endsWith('.ts')) continue;
      digest.update(`${folder}/${name}\0`);
      digest.update(readFileSync(join(folder, name)));
    }
  }
  return digest.digest('hex').slice(0, 16);
}

const LOADER_ID = `${pkg.version}+${loaderId()}`;

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
    define: { SEGMENTS_VERSION: JSON.stringify(pkg.version), SEGMENTS_LOADER_ID: JSON.stringify(LOADER_ID) },
    logLevel: 'warning',
  });
  console.log(`built ${entry.out} in ${Date.now() - started} ms`);
}
if (watch) console.log('(watch mode is not implemented; rerun npm run build)');
