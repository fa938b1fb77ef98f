// Worker scripts the bundles ship next to themselves (scripts/build.mjs puts
// every entry in dist/). The core never guesses where they are: hosts, which
// know they run from dist/, pass them in. Running from sources (tsx, tests),
// there is no __dirname and no bundle, so the hosts load on one thread.
import { join } from 'node:path';
import { existsAsFile } from '../core/project/files';
import type { CsvPartWorkerOptions } from '../core/sample/csv-part';

/** dist/<name> next to the running bundle; undefined when running from sources or when it is not there. */
export function bundledScript(name: string): string | undefined {
  const dir = typeof __dirname === 'string' ? __dirname : undefined;
  if (!dir) return undefined;
  const script = join(dir, name);
  return existsAsFile(script) ? script : undefined;
}

/** dist/csv-part-worker.js, for reading large CSV samples with two threads. */
export function bundledCsvPartWorker(): CsvPartWorkerOptions | undefined {
  const script = bundledScript('csv-part-worker.js');
  return script ? { script } : undefined;
}

/** dist/data-worker.js, where the language server loads a project's data off its main thread. */
export function bundledDataWorker(): string | undefined {
  return bundledScript('data-worker.js');
}
