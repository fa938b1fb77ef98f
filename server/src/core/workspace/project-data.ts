// What a project knows about its data: the schema, the loaded sample and the
// catalog built from both. Loaded once and kept while the segment files change
// (the language server reloads it only when a data or config file changes).
import type { Diagnostic } from '../base/diagnostics';
import { timed } from '../base/timings';
import type { ProjectConfig } from '../project/config';
import type { SchemaDocument } from '../project/schema-types';
import { loadSchema } from '../project/load-schema';
import type { Catalog } from '../sample/catalog-types';
import { buildCatalog } from '../sample/catalog';
import { loadSample } from '../sample/load-sample';
import type { SampleStore } from '../sample/store';
import type { CsvPartWorkerOptions } from '../sample/csv-part';
import type { CacheOutcome } from '../sample/store-cache';

/** What loading reads from disk: plain data, so the language server's data worker can post it. */
export interface LoadedData {
  schema?: SchemaDocument;
  store?: SampleStore;
  /** Problems in the schema and the sample files. */
  diagnostics: Diagnostic[];
  /** Whether the sample came from the project's cache, or was parsed (and the cache written, or why not). */
  cache?: CacheOutcome;
}

export interface ProjectData extends LoadedData {
  /** Undefined when the project declares neither a schema nor a sample: name checks are then skipped. */
  catalog?: Catalog;
}

export interface LoadDataOptions {
  /** Use this profiles file instead of the config's `sample` (`segments size --sample FILE`). */
  sampleOverride?: string;
  rowLimit?: number;
  onProgress?: (fractionDone: number) => void;
  /** See LoadSampleOptions.csvPartWorker. */
  csvPartWorker?: CsvPartWorkerOptions;
  /**
   * Read the sample from the project's cache (`.segments-cache/`) when it is up
   * to date, and write it there after parsing. Only for a project with a config
   * file that does not turn the cache off (`"cache": false`).
   */
  cache?: boolean;
}

export function loadProjectData(config: ProjectConfig, options: LoadDataOptions = {}): ProjectData {
  return projectDataOf(loadDataFiles(config, options));
}

/** Reads the schema and the sample (the part of a load that runs in the language server's data worker). */
export function loadDataFiles(config: ProjectConfig, options: LoadDataOptions = {}): LoadedData {
  const diagnostics: Diagnostic[] = [];
  let schema: SchemaDocument | undefined;
  if (config.schema) {
    const loaded = timed('schema', () => loadSchema(config.schema!));
    schema = loaded.schema;
    diagnostics.push(...loaded.diagnostics);
  }
  let store: SampleStore | undefined;
  let cache: CacheOutcome | undefined;
  const useCache = options.cache === true && config.configFile !== undefined && config.cache !== false;
  const profilesPath = options.sampleOverride ?? config.sample;
  if (profilesPath) {
    const loaded = timed('sample', () =>
      loadSample({
        profilesPath,
        eventsPath: config.events,
        idColumn: config.idColumn,
        schema,
        rowLimit: options.rowLimit,
        onProgress: options.onProgress,
        csvPartWorker: options.csvPartWorker,
        cache: useCache ? { projectRoot: config.root } : undefined,
      }),
    );
    store = loaded.store;
    cache = loaded.cache;
    diagnostics.push(...loaded.diagnostics);
  }
  return cache ? { schema, store, diagnostics, cache } : { schema, store, diagnostics };
}

/** The loaded data with its catalog. Cheap: the catalog computes a field's statistics when they are first read. */
export function projectDataOf(loaded: LoadedData): ProjectData {
  const { schema, store } = loaded;
  const catalog = schema || store ? timed('catalog', () => buildCatalog(store, schema)) : undefined;
  return { ...loaded, catalog };
}
