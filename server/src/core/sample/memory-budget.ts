// How much memory a load may take. The columns of a sample cost about their
// data (dictionary-encoded cells, one bit a row for "missing"), but a file can
// ask for far more than it holds: a JSON Lines file whose rows each bring new
// field names makes a column per name, each as long as the file. The readers
// add up what their columns hold as they go, and stop with an error naming the
// file and the line once the budget is spent, instead of taking the machine's
// memory (or the editor's) with them.
import type { CellSink } from './cell-sink';

/** The default budget: a large sample fits (a million profiles with thirty columns take ~250 MB), a laptop survives. */
export const DEFAULT_MEMORY_LIMIT_MB = 2048;

export const BYTES_PER_MB = 1024 * 1024;

/** Rows between two sums of a JSON Lines load's columns (a CSV load sums once a chunk). */
export const BUDGET_CHECK_ROWS = 4096;

/** What the columns and key sinks of a load hold now. */
export function bytesHeld(sinks: Iterable<CellSink>): number {
  let total = 0;
  for (const sink of sinks) total += sink.approxBytes?.() ?? 0;
  return total;
}

/** The budget in bytes for a limit in MB (0, negative or missing: the default). */
export function budgetBytes(limitMB: number | undefined): number {
  return (limitMB !== undefined && limitMB > 0 ? limitMB : DEFAULT_MEMORY_LIMIT_MB) * BYTES_PER_MB;
}
