// Worker scripts the bundles ship next to themselves (scripts/build.mjs puts
// every entry in dist/). The core never guesses where they are: hosts, which
// know they run from dist/, pass them in. Running from sources (tsx, tests),
// there is no __dirname and no bundle, so the hosts load on one thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CsvPartWorkerOptions } from '../core/sample/csv-part';

/** dist/csv-part-worker.js next to the running bundle, for reading large CSV samples with two threads. */
export function bundledCsvPartWorker(): CsvPartWorkerOptions | undefined {
  const dir = typeof __dirname === 'string' ? __dirname : undefined;
  if (!dir) return undefined;
  const script = join(dir, 'csv-part-worker.js');
  return existsSync(script) ? { script } : undefined;
}
