// The CLI's way in: the paths a user names (or the current folder) become
// projects read from disk, their data loaded, each as one snapshot, plus the
// files the user asked about.
import { timed } from '../base/timings';
import type { ProjectTarget } from '../project/open-projects';
import { openProjects } from '../project/open-projects';
import type { CsvPartWorkerOptions } from '../sample/csv-part';
import { loadProjectData } from './project-data';
import { ProjectSnapshot } from './snapshot';

export interface OpenedProject {
  snapshot: ProjectSnapshot;
  /** The segment files the user asked about (all of the project's when they named its folder). */
  selected: ReadonlySet<string>;
}

export interface OpenOptions {
  /** Size against this profiles file instead of the config's `sample` (`segments size --sample FILE`). */
  sampleOverride?: string;
  /** See LoadSampleOptions.csvPartWorker: the CLI reads a large CSV sample with two threads. */
  csvPartWorker?: CsvPartWorkerOptions;
  /** See LoadSampleOptions.memoryLimitMB (the CLI reads SEGMENTS_MEMORY_LIMIT_MB). */
  memoryLimitMB?: number;
  /** Use the project's sample cache (see LoadDataOptions.cache). */
  cache?: boolean;
}

/** Throws UsageError (project/open-projects.ts) for paths that name nothing to check. */
export function openSnapshots(paths: string[], cwd: string, options: OpenOptions = {}): OpenedProject[] {
  return timed('find the project and read its files', () => openProjects(paths, cwd)).map((target) => ({ snapshot: snapshotOf(target, options), selected: target.selected }));
}

function snapshotOf(target: ProjectTarget, options: OpenOptions): ProjectSnapshot {
  // A folder without a config has no schema or sample of its own; `--sample` gives it one.
  const loads = target.config.configFile !== undefined || options.sampleOverride !== undefined;
  const data = loads
    ? loadProjectData(target.config, { sampleOverride: options.sampleOverride, csvPartWorker: options.csvPartWorker, memoryLimitMB: options.memoryLimitMB, cache: options.cache })
    : undefined;
  return new ProjectSnapshot({
    config: target.config,
    configDiagnostics: target.configDiagnostics,
    sources: target.sources,
    data,
    dataStatus: loads ? 'ready' : 'none',
    sampleFile: options.sampleOverride,
  });
}
