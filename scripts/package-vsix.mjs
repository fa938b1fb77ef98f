// `npm run package`: the VSIX, made with the @vscode/vsce of our own
// devDependencies (3.x, which runs on Node 20), so it needs only `npm ci` and
// downloads nothing.
//
// The VSIX is packed from a staging folder that holds exactly the files listed
// below (package.json's `files` list is the npm package's, and vsce refuses a
// .vscodeignore next to it), then its contents are checked against the same
// list: the bundles, the language files, the icons, the user README,
// CHANGELOG and LICENSE, and nothing else.
//
// The extension's page (Marketplace, VS Code's extension view) shows
// extension/README.md, not the repository README, which is for contributors.
// Its links are absolute (https://github.com/…), so they work wherever the page
// is shown; vsce's rewriting of relative links stays on as a safety net, based
// on the `repository` of package.json.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { zipEntries } from './zip-entries.mjs';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
export const vsixPath = resolve(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = resolve(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Repository file → its place in the extension folder. */
export const STAGED = [
  ['extension/README.md', 'README.md'],
  ['CHANGELOG.md', 'CHANGELOG.md'],
  ['LICENSE', 'LICENSE'],
  ['dist/package.json', 'dist/package.json'],
  ['dist/client.js', 'dist/client.js'],
  ['dist/server.js', 'dist/server.js'],
  ['dist/data-worker.js', 'dist/data-worker.js'],
  ['dist/insight-view.js', 'dist/insight-view.js'],
  ['dist/insight-view.css', 'dist/insight-view.css'],
  ['dist/warehouse.js', 'dist/warehouse.js'],
  ['extension/icon.png', 'extension/icon.png'],
  ['extension/segment-file.svg', 'extension/segment-file.svg'],
  ['language-configuration.json', 'language-configuration.json'],
  ['syntaxes/segment.tmLanguage.json', 'syntaxes/segment.tmLanguage.json'],
  ['snippets/segment.json', 'snippets/segment.json'],
  ['schemas/segments.config.schema.json', 'schemas/segments.config.schema.json'],
  ['schemas/segments.schema.schema.json', 'schemas/segments.schema.schema.json'],
];

/** Every file the VSIX holds, and only these (vsce renames README, CHANGELOG and LICENSE). */
export const VSIX_FILES = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  ...STAGED.map(([, to]) => `extension/${({ 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' })[to] ?? to}`),
];

/** What is wrong with a VSIX's file list: missing and unexpected files. */
export function checkVsixEntries(entries) {
  const present = new Set(entries);
  return [
    ...VSIX_FILES.filter((f) => !present.has(f)).map((f) => `missing ${f}`),
    ...entries.filter((e) => !VSIX_FILES.includes(e)).map((e) => `should not hold ${e}`),
  ];
}

/** The extension's package.json: the repository's, less what only npm and development use. */
function extensionManifest() {
  // The DuckDB driver (an optional dependency of the npm package) is not shipped: the editor finds it in the project's node_modules.
  const { files: _files, scripts: _scripts, devDependencies: _dev, optionalDependencies: _optional, bin: _bin, ...manifest } = pkg;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function main() {
  for (const [from] of STAGED) {
    if (!existsSync(resolve(root, from))) throw new Error(`${from} is missing${from.startsWith('dist/') ? ': run npm run build first' : ''}`);
  }
  if (!existsSync(vsce)) throw new Error(`${vsce} is missing: run npm ci`);
  const started = Date.now();
  const stage = mkdtempSync(join(tmpdir(), 'segments-vsix-'));
  try {
    for (const [from, to] of STAGED) {
      mkdirSync(dirname(join(stage, to)), { recursive: true });
      cpSync(resolve(root, from), join(stage, to));
    }
    writeFileSync(join(stage, 'package.json'), extensionManifest());
    // An empty ignore file: the staging folder holds exactly what goes in.
    writeFileSync(join(stage, '.vscodeignore'), '# staged by scripts/package-vsix.mjs\n');
    rmSync(vsixPath, { force: true });
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const problems = checkVsixEntries(zipEntries(vsixPath));
  if (problems.length > 0) throw new Error(`${vsixPath} is not what it should be:\n${problems.map((p) => `  ${p}\n`).join('')}`);
  console.log(`packaged ${vsixPath} (${VSIX_FILES.length} files) in ${Date.now() - started} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
