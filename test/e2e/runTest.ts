// The standard @vscode/test-electron runner, for machines that can download
// VS Code (these cannot: there, code-server-run.ts runs the same suite).
//   npm run build && node --import tsx test/e2e/runTest.ts
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildTests } from './driver/build-tests';

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..', '..');
  const { suiteRunner } = await buildTests(root);
  const scratch = mkdtempSync(join(tmpdir(), 'segments-electron-'));
  const workspace = join(scratch, 'nordic-shop');
  cpSync(join(root, 'samples', 'nordic-shop'), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteRunner,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
