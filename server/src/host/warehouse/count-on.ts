// The entry of the warehouse bundle (dist/warehouse.js, loaded only when asked:
// `segments size --on …`, the editor's "count on the warehouse"): exact counts
// of compiled queries on the target, by its engine.
import { countOnDuckDb, type DuckDbSource } from './duckdb';
import { countOnPostgres } from './postgres';
import type { CountOptions, ExactCount, SegmentQuery } from './counts';
import type { WarehouseTarget } from './target';

export interface WarehouseRequest extends CountOptions {
  target: WarehouseTarget;
  queries: readonly SegmentQuery[];
  /** For DuckDB: the rest of what it needs to open the target (table names, an events file, column types, where the project is). */
  duckdb?: Omit<DuckDbSource, 'file' | 'format'>;
}

/** Throws WarehouseError when the target cannot be used at all; a query that fails is an ExactCount with its error. */
export function countOn(request: WarehouseRequest): Promise<ExactCount[]> {
  const { target, queries } = request;
  if (target.kind === 'postgres') return countOnPostgres(target.url, queries, request);
  if (!request.duckdb) throw new Error('countOn: a DuckDB target needs its source description');
  return countOnDuckDb({ ...request.duckdb, file: target.file, format: target.format }, queries, request);
}
