// What the CLI (`segments size --on …`) and the language server
// (`segments/countOnWarehouse`) share: the segments' queries from the project
// snapshot, in the target's dialect, counted on the target by the warehouse
// bundle, which is loaded only now (its drivers cost every other run nothing).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { ValueType } from '../../core/base/value-type';
import { pathKind } from '../../core/project/files';
import { unsizedReason } from '../../core/workspace/sizes';
import type { ProjectSnapshot, SegmentEntry } from '../../core/workspace/snapshot';
import { bundledScript } from '../bundled-workers';
import type { WarehouseRequest } from './count-on';
import { WarehouseError, type ExactCount, type SegmentQuery } from './counts';
import { FILE_TABLES } from './duckdb-tables';
import type { FileColumns } from './csv-views';
import { duckDbFileKind, type WarehouseTarget } from './target';

export interface WarehouseAsk {
  target: WarehouseTarget;
  /** Table names in the database (PostgreSQL, a DuckDB database); compiled as `segments sql` compiles them. */
  profilesTable?: string;
  /** The events table; for DuckDB on a data file, the events file (a path, relative to `baseDir`). */
  eventsTable?: string;
  timeoutMs: number;
  /** Where relative paths are from (the CLI's working folder, the project folder in the editor). */
  baseDir: string;
}

export type WarehouseAnswer = { ok: true; counts: ExactCount[] } | { ok: false; error: string };

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Exact counts of `entries` (segments with an id) on the target; a segment without a query gets its reason. */
export async function exactCounts(snapshot: ProjectSnapshot, entries: readonly SegmentEntry[], ask: WarehouseAsk): Promise<WarehouseAnswer> {
  const { target } = ask;
  const onFile = target.kind === 'duckdb' && target.format !== 'database';
  let eventsFile: { file: string; format: ReturnType<typeof duckDbFileKind> } | undefined;
  if (onFile && ask.eventsTable !== undefined) {
    const file = resolve(ask.baseDir, ask.eventsTable);
    if (pathKind(file) !== 'file') return { ok: false, error: `with --on duckdb:FILE on a data file, --events-table names the events file, and ${ask.eventsTable} is not a file` };
    eventsFile = { file, format: duckDbFileKind(file) };
  }
  const tables = onFile ? { profilesTable: FILE_TABLES.profiles, eventsTable: FILE_TABLES.events } : { profilesTable: ask.profilesTable, eventsTable: ask.eventsTable };
  const dialect = target.kind === 'postgres' ? 'postgres' : 'duckdb';

  const queries: SegmentQuery[] = [];
  const reasons = new Map<string, string>();
  for (const entry of entries) {
    if (entry.id === undefined) continue;
    const answer = snapshot.sql(entry.decl, { dialect, ...tables });
    if (answer.kind === 'sql') queries.push({ segment: entry.id, sql: answer.sql });
    else reasons.set(entry.id, answer.kind === 'cannot-compile' ? `cannot be compiled: ${answer.error.message}` : unsizedReason(answer));
  }
  const request: WarehouseRequest = { target, queries, timeoutMs: ask.timeoutMs };
  if (target.kind === 'duckdb') request.duckdb = { profilesTable: tables.profilesTable, eventsFile, columns: fileColumns(snapshot), projectRoot: snapshot.config.root };
  let counted: ExactCount[];
  try {
    counted = queries.length > 0 ? await (await warehouseBundle()).countOn(request) : [];
  } catch (e) {
    if (e instanceof WarehouseError || (e instanceof Error && e.name === 'WarehouseError')) return { ok: false, error: e.message };
    throw e;
  }
  const byId = new Map(counted.map((c) => [c.segment, c]));
  const counts = entries.flatMap((entry): ExactCount[] => {
    if (entry.id === undefined) return [];
    return [byId.get(entry.id) ?? { segment: entry.id, count: null, error: reasons.get(entry.id) ?? 'not counted' }];
  });
  return { ok: true, counts };
}

/** Column types of the project's tables, for reading CSV files as the sample loader does. */
function fileColumns(snapshot: ProjectSnapshot): FileColumns {
  const profiles = new Map<string, ValueType>();
  for (const [name, field] of snapshot.catalog?.attributes ?? []) profiles.set(name, field.type);
  const events = new Map<string, ValueType>();
  for (const [name, column] of snapshot.data?.store?.events?.properties ?? []) events.set(name, column.type);
  for (const event of snapshot.data?.schema?.events.values() ?? []) for (const [name, field] of event.properties) if (!events.has(name)) events.set(name, field.type);
  return { idColumn: snapshot.config.idColumn, profiles, events };
}

/** dist/warehouse.js next to the running bundle, or the module itself when running from sources. */
async function warehouseBundle(): Promise<typeof import('./count-on')> {
  const bundled = bundledScript('warehouse.js');
  if (bundled) return createRequire(bundled)(bundled) as typeof import('./count-on');
  // A specifier the bundler does not follow, so the drivers stay out of the CLI and server bundles.
  const source = './count-on';
  return (await import(source)) as typeof import('./count-on');
}
