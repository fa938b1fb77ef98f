// The one entry point for loading sample data: profiles, then (optionally)
// events matched to them. Synchronous on purpose: the language server runs it
// in a worker thread, the CLI simply waits for it.
import type { Diagnostic } from '../base/diagnostics';
import type { SchemaDocument } from '../project/schema-types';
import type { SampleStore } from './store';
import { loadProfiles } from './load-profiles';
import { loadEvents } from './load-events';
import { fileSizeOrZero } from './file-size';
import type { CsvPartWorkerOptions } from './csv-part';
import { budgetBytes } from './memory-budget';

export interface LoadSampleOptions {
  /** Absolute path of the profiles file (.csv, or .jsonl / .ndjson / .json for JSON Lines). */
  profilesPath: string;
  eventsPath?: string;
  idColumn: string;
  schema?: SchemaDocument;
  /** Load at most this many profiles (events of the others count as unknown). */
  rowLimit?: number;
  /** 0..1, called as the files are read. */
  onProgress?: (fractionDone: number) => void;
  /** Bytes per read; tests use tiny chunks. */
  chunkSize?: number;
  /** Keep each event's full instant (EventTable.times), for exporting the events elsewhere. */
  keepEventTimes?: boolean;
  /**
   * Read a large profiles CSV with a second thread running this script (the
   * host knows where its bundle put csv-part-worker.js); undefined: one thread.
   */
  csvPartWorker?: CsvPartWorkerOptions;
  /** Stop with an error when a file's columns outgrow this many MB (memory-budget.ts); default DEFAULT_MEMORY_LIMIT_MB. */
  memoryLimitMB?: number;
}

export interface LoadSampleResult {
  /** Undefined when the profiles could not be loaded (an error diagnostic says why). */
  store?: SampleStore;
  diagnostics: Diagnostic[];
  /** Threads that read the profile rows: 2 when csvPartWorker split the file. */
  profileThreads: 1 | 2;
}

let nextVersion = 1;

export function loadSample(opts: LoadSampleOptions): LoadSampleResult {
  const profileBytes = fileSizeOrZero(opts.profilesPath);
  const eventBytes = opts.eventsPath ? fileSizeOrZero(opts.eventsPath) : 0;
  const total = Math.max(1, profileBytes + eventBytes);
  let reported = 0;
  const progress = (done: number) => {
    const fraction = Math.min(1, done / total);
    if (fraction > reported) {
      reported = fraction;
      opts.onProgress?.(fraction);
    }
  };

  const profiles = loadProfiles({
    path: opts.profilesPath,
    idColumn: opts.idColumn,
    schema: opts.schema,
    rowLimit: opts.rowLimit,
    onProgress: progress,
    chunkSize: opts.chunkSize,
    csvPartWorker: opts.rowLimit === undefined ? opts.csvPartWorker : undefined,
    memoryLimitBytes: budgetBytes(opts.memoryLimitMB),
  });
  const diagnostics = [...profiles.diagnostics];
  const profileThreads = profiles.threads;
  if (!profiles.table || !profiles.idIndex) return { diagnostics, profileThreads };

  const store: SampleStore = { profiles: profiles.table, version: nextVersion++ };
  if (opts.eventsPath) {
    const events = loadEvents({
      path: opts.eventsPath,
      idColumn: opts.idColumn,
      idIndex: profiles.idIndex,
      profileCount: profiles.table.count,
      schema: opts.schema,
      onProgress: (done) => progress(profileBytes + done),
      chunkSize: opts.chunkSize,
      keepTimes: opts.keepEventTimes,
      memoryLimitBytes: budgetBytes(opts.memoryLimitMB),
    });
    diagnostics.push(...events.diagnostics);
    if (events.table) store.events = events.table;
  }
  progress(total);
  return { store, diagnostics, profileThreads };
}
