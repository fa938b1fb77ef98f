// Benchmarks time an esbuild bundle of themselves, as the extension ships the
// code: run under tsx, every arrow function is wrapped in `__name` and every
// call between modules goes through an export getter, which distorts timings.
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join, resolve, dirname } from 'node:path';

/** The repository root (benches live in bench/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the script at `scriptUrl` to node_modules/.cache/segments-bench/<checkout>/<name>.mjs and returns that path. */
export function bundleSelf(scriptUrl: string, name: string): string {
  return bundleEntry(fileURLToPath(scriptUrl), name);
}

/**
 * The sample loader's worker (csv-part-worker.ts), bundled next to the benches'
 * bundles: what the hosts ship as dist/csv-part-worker.js.
 */
export function bundleCsvPartWorker(): string {
  return bundleEntry(join(REPO_ROOT, 'server', 'src', 'core', 'sample', 'csv-part-worker.ts'), 'csv-part-worker');
}

/**
 * One folder per checkout: worktrees share node_modules (a symlink), and one's
 * bench must not run another's bundle.
 */
const BUNDLE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'segments-bench', createHash('sha1').update(REPO_ROOT).digest('hex').slice(0, 8));

function bundleEntry(entry: string, name: string): string {
  const bundle = join(BUNDLE_DIR, `${name}.mjs`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    external: ['@duckdb/node-api', 'esbuild'],
    // jsonc-parser's UMD build requires its modules by computed paths esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  return bundle;
}

/**
 * Runs `node --expose-gc <bundle> --child <args…>` and returns the JSON the
 * child printed last; a failed child prints its errors and throws.
 */
export function runBundleChild<T>(bundle: string, args: string[]): T {
  const out = spawnSync(process.execPath, ['--expose-gc', bundle, '--child', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) {
    console.error(out.stderr);
    throw new Error(`${args[0]} failed`);
  }
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as T;
}
