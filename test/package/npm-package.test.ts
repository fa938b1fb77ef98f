// The npm package as a user gets it: this repository packed with `npm pack`
// (its prepack script builds the bundles for production), the tarball
// installed into a fresh project with `npm install ./segments-language-<v>.tgz`
// — from npm's cache, since the bundles need no dependency but the optional
// DuckDB driver (`--prefer-offline`: its tarballs are cached by `npm ci`, its
// registry entry may have to be fetched) — and its commands run there through
// npx: `segments check`, `size`, `sql`, `size --on duckdb:` (with the driver,
// and without it), and `segments-language-server --stdio` answering an editor.
//
// The pack runs in a copy of the repository (the files git tracks or would
// track), so its production build does not rewrite the dist/ that other tests
// are using.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { npmFreeEnv } from '../../scripts/npm-env.mjs';
import { fileUri, startServer, type TestClient } from '../lsp/support';
import { REPO_ROOT } from '../support/cli';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; optionalDependencies: Record<string, string> };

/** What the package holds: the two commands, the bundles they run, and the usual documents. */
const PACKAGE_FILES = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'bin/segments-language-server.js',
  'bin/segments.js',
  'dist/cli.js',
  'dist/csv-part-worker.js',
  'dist/data-worker.js',
  'dist/package.json',
  'dist/server.js',
  'dist/warehouse.js',
  'package.json',
];

let work: string;
let app: string;
let packed: { filename: string; files: { path: string }[] };
const env = npmFreeEnv();

function run(file: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(file, args, { cwd, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 180_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(file: string, args: string[], cwd: string): string {
  const r = run(file, args, cwd);
  assert.equal(r.status, 0, `${file} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A copy of the repository: every file git tracks or would track, and a link to its node_modules. */
function copyRepository(to: string): void {
  const listed = ok('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO_ROOT).split('\0').filter(Boolean);
  for (const file of listed) {
    const from = join(REPO_ROOT, file);
    if (!statSync(from, { throwIfNoEntry: false })?.isFile()) continue; // deleted in the working tree
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(from, join(to, file));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(to, 'node_modules'));
}

before(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'segments-pack-')));
  const source = join(work, 'source');
  copyRepository(source);
  // npm prints the prepack script's output too; the JSON report is the last thing on stdout.
  const out = ok('npm', ['pack', '--json', '--pack-destination', work], source);
  packed = (JSON.parse(out.slice(out.lastIndexOf('\n[') + 1)) as (typeof packed)[])[0];

  app = join(work, 'app');
  cpSync(join(REPO_ROOT, 'samples', 'nordic-shop'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'marketing-audiences', private: true }, null, 2));
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename)], app);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack ships the commands, the built bundles and nothing else', () => {
  assert.equal(packed.filename, `${pkg.name}-${pkg.version}.tgz`);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), PACKAGE_FILES);
  const installed = JSON.parse(readFileSync(join(app, 'node_modules', pkg.name, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(installed.private, undefined, 'the package can be published');
  assert.equal(installed.dependencies, undefined, 'the bundles need no dependency at run time');
  assert.deepEqual(installed.optionalDependencies, { '@duckdb/node-api': pkg.optionalDependencies['@duckdb/node-api'] }, 'only the DuckDB driver, which has a native part');
});

test('size --on duckdb: counts with the driver installed beside the package, and says what to install without it', () => {
  const driver = join(app, 'node_modules', '@duckdb');
  assert.ok(statSync(join(driver, 'node-api'), { throwIfNoEntry: false })?.isDirectory(), 'npm installed the optional driver');
  const exact = JSON.parse(ok('npx', ['segments', 'size', 'segments/customers.segment', '--on', 'duckdb:data/users.csv', '--events-table', 'data/events.csv', '--format', 'json'], app)) as {
    count: number;
    exact: { count: number };
  }[];
  assert.ok(exact.length > 0 && exact.every((r) => r.exact.count === r.count), JSON.stringify(exact));
  renameSync(driver, `${driver}.away`);
  try {
    const without = run('npx', ['segments', 'size', 'segments/customers.segment', '--on', 'duckdb:data/users.csv'], app);
    assert.equal(without.status, 1);
    assert.match(without.stderr, /counting with DuckDB needs its driver, the npm package @duckdb\/node-api, which is not installed here .* run `npm install @duckdb\/node-api` in the project/);
    assert.match(without.stdout, /existing_customers\s+[\d,]+ of 5,000/, 'the sample counts are still printed');
  } finally {
    renameSync(`${driver}.away`, driver);
  }
});

test('npx segments check, size and sql work in a project that installed the tarball', () => {
  assert.equal(ok('npx', ['segments', '-v'], app), `${pkg.version}\n`);
  assert.match(ok('npx', ['segments', 'check'], app), /✓ 4 files checked, no problems/);

  const size = ok('npx', ['segments', 'size', '--format', 'json'], app);
  const rows = JSON.parse(size) as { segment: string; count: number | null; total: number }[];
  const cart = rows.find((r) => r.segment === 'abandoned_cart');
  assert.ok(cart && cart.total === 5000 && typeof cart.count === 'number' && cart.count > 0, size.slice(0, 400));

  const sql = ok('npx', ['segments', 'sql', '--dialect', 'duckdb', 'segments/retargeting.segment'], app);
  assert.match(sql, /SELECT[\s\S]+FROM "?profiles"?/i);

  const broken = join(app, 'segments', 'broken.segment');
  writeFileSync(broken, 'segment broken {\n  include cty = "Oslo"\n}\n');
  try {
    const check = run('npx', ['segments', 'check'], app);
    assert.equal(check.status, 1, check.stdout + check.stderr);
    assert.match(check.stdout, /error\[unknown-attribute\]: unknown attribute `cty`; did you mean `city`\?/);
  } finally {
    rmSync(broken);
  }
});

test('npx segments-language-server --stdio answers initialize and publishes a diagnostic', async () => {
  let client: TestClient | undefined;
  try {
    client = await startServer({ root: app, command: { file: 'npx', args: ['segments-language-server', '--stdio'], cwd: app, env } });
    assert.equal(client.initializeResult.serverInfo?.name, 'segments-language-server');
    const uri = fileUri(join(app, 'segments', 'typo.segment'));
    client.open(uri, 'segment typo {\n  include purchase_cuont >= 1\n}\n');
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.length > 0, 30_000);
    assert.ok(diagnostics.some((d) => d.code === 'unknown-attribute' && /did you mean `purchase_count`/.test(d.message)), JSON.stringify(diagnostics));
  } finally {
    await client?.stop();
  }
});
