// The one question both engines answer: how many profiles does each query
// return. Each segment's query is the compiled `SELECT id …` of `segments sql`,
// counted as it stands.

/** A segment's compiled query (its members' ids), in the target's dialect. */
export interface SegmentQuery {
  segment: string;
  sql: string;
}

/** The exact count of one segment, or why there is none (in words that never quote a connection string). */
export type ExactCount = { segment: string; count: number } | { segment: string; count: null; error: string };

export interface CountOptions {
  /** Stop a query after this long (a statement timeout on PostgreSQL, an interrupt on DuckDB). */
  timeoutMs: number;
}

/** A problem with the whole target (it cannot be reached, its driver is missing): no count at all. */
export class WarehouseError extends Error {
  // The warehouse bundle has its own copy of this class: callers also recognise it by name.
  override name = 'WarehouseError';
}

/** `SELECT count(*)` around a compiled query, whose trailing semicolon and comments stay inside. */
export function countQuery(sql: string): string {
  const body = sql.trimEnd().replace(/;$/, '');
  return `SELECT count(*) AS members FROM (\n${body}\n) AS segment_members`;
}

export function timeoutWords(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
