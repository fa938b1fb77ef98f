// How every command that reads data opens its projects: a large CSV read by
// two threads, within the memory budget SEGMENTS_MEMORY_LIMIT_MB asks for
// (host/cli-load-options.ts), and the project's sample cache unless
// `--no-cache` (or the config's `"cache": false`) turns it off.
import { openSnapshots, type OpenedProject } from '../core/workspace/open-snapshots';
import { cliLoadOptions } from '../host/cli-load-options';

export interface DataOptions {
  /** False for `--no-cache`: parse the sample and leave `.segments-cache/` alone. */
  cache?: boolean;
  /** `segments size --sample FILE`: this profiles file instead of the configured one (absolute). */
  sampleOverride?: string;
}

export function openForCommand(paths: string[], cwd: string, options: DataOptions = {}): OpenedProject[] {
  return openSnapshots(paths, cwd, { ...cliLoadOptions(), sampleOverride: options.sampleOverride, cache: options.cache !== false });
}
