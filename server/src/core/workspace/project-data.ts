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
  /** See LoadSampleOptions.csvPartWorker. */
  csvPartWorker?: CsvPartWorkerOptions;
}

export function loadProjectData(config: ProjectConfig, options: LoadDataOptions = {}): ProjectData {
  const diagnostics: Diagnostic[] = [];
  let schema: SchemaDocument | undefined;
  if (config.schema) {
    const loaded = loadSchema(config.schema);
    schema = loaded.schema;
    diagnostics.push(...loaded.diagnostics);
  }
  let store: SampleStore | undefined;
  const profilesPath = options.sampleOverride ?? config.sample;
  if (profilesPath) {
    const loaded = loadSample({
      profilesPath,
      eventsPath: config.events,
      idColumn: config.idColumn,
      schema,
      rowLimit: options.rowLimit,
      onProgress: options.onProgress,
      csvPartWorker: options.csvPartWorker,
    });
    store = loaded.store;
    diagnostics.push(...loaded.diagnostics);
  }
  const catalog = schema || store ? buildCatalog(store, schema) : undefined;
  return { schema, store, catalog, diagnostics };
}
