// The one entry point for loading sample data: profiles, then (optionally)
// events matched to them. Synchronous on purpose: the language server runs it
// in a worker thread, the CLI simply waits for it.
import type { Diagnostic } from '../base/diagnostics';
import { noteTiming, timed } from '../base/timings';
import type { SchemaDocument } from '../project/schema-types';
import type { SampleStore } from './store';
import { loadProfiles } from './load-profiles';
import { loadEvents } from './load-events';
import { fileSizeOrZero } from './file-size';
import type { CsvPartWorkerOptions } from './csv-part';
import { cacheFileFor, currentKey, readSampleCache, writeSampleCache, type CacheOptions, type CacheOutcome } from './store-cache';

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
  /**
   * Read a large profiles CSV with a second thread running this script (the
   * host knows where its bundle put csv-part-worker.js); undefined: one thread.
   */
  csvPartWorker?: CsvPartWorkerOptions;
  /** Keep the loaded store in the project's cache and read it from there next time (store-cache.ts); undefined: no cache. */
  cache?: CacheOptions;
}

export interface LoadSampleResult {
  /** Undefined when the profiles could not be loaded (an error diagnostic says why). */
  store?: SampleStore;
  diagnostics: Diagnostic[];
  /** Threads that read the profile rows: 2 when csvPartWorker split the file. */
  profileThreads: 1 | 2;
  /** What became of the cache, when one was asked for. */
  cache?: CacheOutcome;
}

let nextVersion = 1;

/** A version no store loaded before has had (SampleStore.version). */
export function newStoreVersion(): number {
  return nextVersion++;
}

export function loadSample(opts: LoadSampleOptions): LoadSampleResult {
  if (!opts.cache) return parseSample(opts);
  const where = cacheFileFor(opts, opts.cache);
  if ('why' in where) {
    noteTiming(`cache: not used: ${where.why}`);
    return { ...parseSample(opts), cache: { kind: 'not-written', miss: 'unreadable', why: where.why } };
  }
  const cached = timed('read the cache', () => readSampleCache(where.file, opts));
  noteTiming(cached.ok ? `cache: used ${where.file} (${megabytes(cached.bytes)})` : `cache: ${cached.miss}, so the sample is parsed`);
  if (cached.ok) {
    opts.onProgress?.(1);
    const { store, diagnostics } = cached.sample;
    // A store read back is new data to every cache keyed on versions.
    store.version = newStoreVersion();
    return { store, diagnostics, profileThreads: 1, cache: { kind: 'hit', file: where.file, bytes: cached.bytes } };
  }
  const before = currentKey(opts);
  const parsed = parseSample(opts);
  if (!parsed.store) return { ...parsed, cache: { kind: 'not-written', miss: cached.miss, why: 'the sample did not load' } };
  const sample = { store: parsed.store, diagnostics: parsed.diagnostics };
  const written = timed('write the cache', () => writeSampleCache(where.file, before, opts, sample));
  noteTiming(written.ok ? `cache: wrote ${where.file} (${megabytes(written.bytes)})` : `cache: not written: ${written.why}`);
  const cache: CacheOutcome = written.ok
    ? { kind: 'written', file: where.file, bytes: written.bytes, miss: cached.miss }
    : { kind: 'not-written', miss: written.changed ? 'changed-while-loading' : cached.miss, why: written.why };
  return { ...parsed, cache };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads the data files themselves. */
function parseSample(opts: LoadSampleOptions): LoadSampleResult {
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

  const profiles = timed('profiles', () => loadProfiles({
    path: opts.profilesPath,
    idColumn: opts.idColumn,
    schema: opts.schema,
    rowLimit: opts.rowLimit,
    onProgress: progress,
    chunkSize: opts.chunkSize,
    csvPartWorker: opts.rowLimit === undefined ? opts.csvPartWorker : undefined,
  }));
  const diagnostics = [...profiles.diagnostics];
  const profileThreads = profiles.threads;
  if (!profiles.table || !profiles.idIndex) return { diagnostics, profileThreads };

  const store: SampleStore = { profiles: profiles.table, version: newStoreVersion() };
  const { eventsPath } = opts;
  if (eventsPath) {
    const idIndex = profiles.idIndex;
    const profileCount = profiles.table.count;
    const events = timed('events', () => loadEvents({
      path: eventsPath,
      idColumn: opts.idColumn,
      idIndex,
      profileCount,
      schema: opts.schema,
      onProgress: (done) => progress(profileBytes + done),
      chunkSize: opts.chunkSize,
    }));
    diagnostics.push(...events.diagnostics);
    if (events.table) store.events = events.table;
  }
  progress(total);
  return { store, diagnostics, profileThreads };
}
