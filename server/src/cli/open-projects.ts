// How every command that reads data opens its projects: a large CSV read by
// two threads, and the project's sample cache unless `--no-cache` (or the
// config's `"cache": false`) turns it off.
import { openSnapshots, type OpenedProject } from '../core/workspace/open-snapshots';
import { bundledCsvPartWorker } from '../host/bundled-workers';

export interface DataOptions {
  /** False for `--no-cache`: parse the sample and leave `.segments-cache/` alone. */
  cache?: boolean;
  /** `segments size --sample FILE`: this profiles file instead of the configured one (absolute). */
  sampleOverride?: string;
}

export function openForCommand(paths: string[], cwd: string, options: DataOptions = {}): OpenedProject[] {
  return openSnapshots(paths, cwd, { sampleOverride: options.sampleOverride, csvPartWorker: bundledCsvPartWorker(), cache: options.cache !== false });
}
