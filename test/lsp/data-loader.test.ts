// The language server's data loader on a load that fails in its worker thread
// (issue 12, finding 3): the failure becomes an error on the sample file, and
// the load is never run again on the server's own thread (which blocked every
// request for seconds and took gigabytes before). Real worker threads, running
// scripts that fail the ways a worker can: an exception, a `failed` message, an
// exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataLoader } from '../../server/src/lsp/data-loader';
import { loadConfig } from '../../server/src/core/project/load-config';

const root = mkdtempSync(join(tmpdir(), 'segments-loader-'));
writeFileSync(join(root, 'users.csv'), 'user_id,age\nu1,30\n');
writeFileSync(join(root, 'segments.config.json'), '{ "sample": "users.csv" }');
const { config } = loadConfig(join(root, 'segments.config.json'));

const WORKERS: Record<string, string> = {
  throws: "throw new Error('Cannot create a string longer than 0x1fffffe8 characters');\n",
  'posts failed': "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'failed', message: 'RangeError: Invalid array length\\n    at somewhere' });\n",
  exits: 'process.exit(3);\n',
};

for (const [name, source] of Object.entries(WORKERS)) {
  test(`a worker that ${name}: an error on the sample file, no store, no second load on the server thread`, async () => {
    const script = join(root, `${name.replace(' ', '-')}.mjs`);
    writeFileSync(script, source);
    const logs: string[] = [];
    const loader = new DataLoader(script, async () => ({ report: () => undefined, done: () => undefined }), (m) => logs.push(m));
    const started = Date.now();
    const data = await loader.load('p', { config });
    // Had it loaded again here, the (valid) sample would have a store.
    assert.equal(data.store, undefined);
    assert.deepEqual(data.diagnostics.map((d) => [d.code, d.severity, d.file, d.position?.line]), [['sample-load-failed', 'error', config.sample, 0]]);
    assert.match(data.diagnostics[0].message, /^The sample `.*users\.csv` could not be read: .+\.$/);
    assert.doesNotMatch(data.diagnostics[0].message, /\n|    at /);
    assert.ok(logs.some((l) => /failed/.test(l)), logs.join('\n'));
    assert.ok(Date.now() - started < 10_000);
  });
}

test('the worker that ran out of memory is named so', async () => {
  const script = join(root, 'oom.mjs');
  writeFileSync(script, 'const keep = [];\nfor (let i = 0; ; i++) {\n  const a = new Array(100000);\n  for (let k = 0; k < a.length; k++) a[k] = k + i;\n  keep.push(a);\n}\n');
  const loader = new DataLoader(script, async () => ({ report: () => undefined, done: () => undefined }), () => undefined);
  const data = await loader.load('p', { config, memoryLimitMB: 1 });
  assert.match(data.diagnostics[0].message, /could not be read: loading it ran out of memory \(\d+ MB\)\.$/);
});
