// Runs the mocha files next to a runner inside the extension host and reports
// the outcome the way both drivers read it: the promise of `run()` rejects
// when a test fails (what @vscode/test-electron and VS Code's test payload
// expect), and a `SEGMENTS_E2E_RESULT {json}` line goes to the console (the
// code-server driver reads it from the browser console).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

export const RESULT_MARKER = 'SEGMENTS_E2E_RESULT';

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: { title: string; message: string }[];
}

export async function runMochaFilesIn(dir: string, timeoutMs: number): Promise<void> {
  const { default: Mocha } = await import('mocha');
  // SEGMENTS_E2E_GREP runs only the tests whose full title matches (while working on one suite; CI runs them all).
  const grep = process.env.SEGMENTS_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: timeoutMs, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(join(dir, file));
  const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
        if (result.failed > 0) reject(new Error(`${result.failed} test(s) failed`));
        else if (result.passed === 0) reject(new Error('no tests ran'));
        else resolve();
      });
      runner.on('pass', () => result.passed++);
      runner.on('fail', (t, err: unknown) => {
        result.failed++;
        result.failures.push({ title: t.fullTitle(), message: err instanceof Error ? (err.stack ?? err.message) : format(err) });
      });
    } catch (e) {
      console.error(e);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
