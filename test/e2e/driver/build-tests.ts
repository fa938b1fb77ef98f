// Bundles the in-editor suites (test/e2e/suite, test/e2e/smoke) into
// out/e2e as CommonJS, as the extension host loads them; `vscode` and mocha
// stay external (the extension host provides the one, node_modules the other).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function buildTests(root: string): Promise<{ suiteRunner: string; smokeRunner: string }> {
  const src = join(root, 'test', 'e2e');
  const out = join(root, 'out', 'e2e');
  const entries = ['suite', 'smoke'].flatMap((dir) =>
    readdirSync(join(src, dir))
      .filter((f) => f === 'index.ts' || f.endsWith('.e2e.ts'))
      .map((f) => join(src, dir, f)),
  );
  mkdirSync(out, { recursive: true });
  // The repository is ESM; these bundles are not.
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  await build({
    entryPoints: entries,
    outdir: out,
    outbase: src,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { suiteRunner: join(out, 'suite', 'index.js'), smokeRunner: join(out, 'smoke', 'index.js') };
}
