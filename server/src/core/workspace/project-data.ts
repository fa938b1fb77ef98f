// What a project knows about its data: the schema, the loaded sample and the
// catalog built from both. Loaded once and kept while the segment files change
// (the language server reloads it only when a data or config file changes).
import type { Diagnostic } from '../base/diagnostics';
import type { ProjectConfig } from '../project/config';
import type { SchemaDocument } from '../project/schema-types';
import { loadSchema } from '../project/load-schema';
import type { Catalog } from '../sample/catalog-types';
import { buildCatalog } from '../sample/catalog';
import { loadSample } from '../sample/load-sample';
import type { SampleStore } from '../sample/store';
import type { CsvPartWorkerOptions } from '../sample/csv-part';
import { dataDiagnostic } from '../sample/data-diagnostics';
import { safeToken } from '../text/safe-text';
import { formatCount } from '../text/numbers';
import { readStreamIntoMemory, type StreamReadProblem } from '../sample/byte-source';
import { budgetBytes, BYTES_PER_MB } from '../sample/memory-budget';

export interface ProjectData {
  schema?: SchemaDocument;
  store?: SampleStore;
  /** Undefined when the project declares neither a schema nor a sample: name checks are then skipped. */
  catalog?: Catalog;
  /** Problems in the schema and the sample files. */
  diagnostics: Diagnostic[];
}

export interface LoadDataOptions {
  /** Use this profiles file instead of the config's `sample` (`segments size --sample FILE`). */
  sampleOverride?: string;
  rowLimit?: number;
  onProgress?: (fractionDone: number) => void;
  /** Keep each event's full instant (EventTable.times), for exporting the events elsewhere. */
  keepEventTimes?: boolean;
  /** See LoadSampleOptions.csvPartWorker. */
  csvPartWorker?: CsvPartWorkerOptions;
  /** See LoadSampleOptions.memoryLimitMB. */
  memoryLimitMB?: number;
}

/**
 * The data of a project whose load failed as a whole (an exception, a loading
 * thread that died): no store, one error on the sample file saying why, in
 * the words the preview and the status bar show ("could not be read: …").
 */
export function loadFailure(config: ProjectConfig, reason: string, sampleOverride?: string): ProjectData {
  const file = sampleOverride ?? config.sample ?? config.schema ?? config.configFile ?? config.root;
  return {
    diagnostics: [
      dataDiagnostic(file, 1, 'error', 'sample-load-failed', `The sample \`${file}\` could not be read: ${safeToken(reason.split('\n')[0], 200)}.`),
    ],
  };
}

function streamProblemWords(problem: Exclude<StreamReadProblem, { kind: 'not-a-stream' }>): string {
  return problem.kind === 'too-large'
    ? `The sample read from a pipe gave more than ${formatCount(problem.limitBytes / BYTES_PER_MB)} MB, its memory limit; nothing was loaded. Pass a smaller sample, or raise SEGMENTS_MEMORY_LIMIT_MB.`
    : `The sample could not be read from its pipe: ${safeToken(problem.reason, 200)}.`;
}

/** Never throws: a failure of the loaders themselves becomes loadFailure's error. */
export function loadProjectData(config: ProjectConfig, options: LoadDataOptions = {}): ProjectData {
  try {
    return loadData(config, options);
  } catch (e) {
    return loadFailure(config, e instanceof Error ? e.message : String(e), options.sampleOverride);
  }
}

function loadData(config: ProjectConfig, options: LoadDataOptions): ProjectData {
  const diagnostics: Diagnostic[] = [];
  let schema: SchemaDocument | undefined;
  if (config.schema) {
    const loaded = loadSchema(config.schema);
    schema = loaded.schema;
    diagnostics.push(...loaded.diagnostics);
  }
  let store: SampleStore | undefined;
  const profilesPath = options.sampleOverride ?? config.sample;
  if (options.sampleOverride) {
    const problem = readStreamIntoMemory(options.sampleOverride, budgetBytes(options.memoryLimitMB));
    if (problem && problem.kind !== 'not-a-stream') {
      diagnostics.push(dataDiagnostic(options.sampleOverride, 1, 'error', problem.kind === 'too-large' ? 'sample-too-large' : 'sample-file-unreadable', streamProblemWords(problem)));
      return { schema, diagnostics, catalog: schema ? buildCatalog(undefined, schema) : undefined };
    }
  }
  if (profilesPath) {
    const loaded = loadSample({
      profilesPath,
      eventsPath: config.events,
      idColumn: config.idColumn,
      schema,
      rowLimit: options.rowLimit,
      onProgress: options.onProgress,
      keepEventTimes: options.keepEventTimes,
      csvPartWorker: options.csvPartWorker,
      memoryLimitMB: options.memoryLimitMB,
    });
    store = loaded.store;
    diagnostics.push(...loaded.diagnostics);
  }
  const catalog = schema || store ? buildCatalog(store, schema) : undefined;
  return { schema, store, catalog, diagnostics };
}
