// `npm run package`: the VSIX, made with @vscode/vsce from the e2e tool cache
// (vsce 4 needs Node >= 22, so it runs under the cache's Node 24 and the
// repository's own dependencies stay Node 20 clean). Then checks what went in:
// the bundles and language files, no node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureCache } from './cache.mjs';
import { zipEntries } from './zip-entries.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
export const vsixPath = resolve(root, `${pkg.name}-${pkg.version}.vsix`);

const REQUIRED = [
  'extension/package.json',
  'extension/dist/package.json',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/data-worker.js',
  'extension/syntaxes/segment.tmLanguage.json',
  'extension/snippets/segment.json',
  'extension/schemas/segments.config.schema.json',
  'extension/schemas/segments.schema.schema.json',
  'extension/language-configuration.json',
  'extension/readme.md',
  'extension/LICENSE.txt',
];

function main() {
  for (const bundle of ['dist/client.js', 'dist/server.js', 'dist/data-worker.js']) {
    if (!existsSync(resolve(root, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  const { node24, vsceBin } = ensureCache();
  rmSync(vsixPath, { force: true });
  const started = Date.now();
  execFileSync(
    node24,
    [vsceBin, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsixPath],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const entries = zipEntries(vsixPath);
  const lower = new Set(entries.map((e) => e.toLowerCase()));
  const missing = REQUIRED.filter((r) => !lower.has(r.toLowerCase()));
  const unwanted = entries.filter((e) => e.includes('node_modules/') || e.endsWith('.map') || e.endsWith('.ts'));
  if (missing.length > 0 || unwanted.length > 0) {
    throw new Error(
      `${vsixPath} is not what it should be:\n` +
        missing.map((m) => `  missing ${m}\n`).join('') +
        unwanted.map((u) => `  should not hold ${u}\n`).join(''),
    );
  }
  console.log(`packaged ${vsixPath} (${entries.length} files) in ${Date.now() - started} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
