// Where the cells of one column go while a data file is read: column builders
// are sinks, and the loaders add their own for key columns (profile id, event
// name, timestamp).
import type { PackedTexts } from './store';
import type { CsvBatch } from './csv';
import type { JsonCell } from './jsonl';

export interface CellSink {
  readonly length: number;
  pushBatch(batch: CsvBatch, field: number, from: number, to: number): void;
  pushJson(value: JsonCell, line: number): void;
  padTo(rows: number): void;
  /** Appends the cells of rows read by a worker thread (row i's cell is text i); a sink without it keeps a file on one thread. */
  pushPackedTexts?(cells: PackedTexts): void;
  /** Bytes held so far, for the load's memory budget (sinks without it are counted as nothing). */
  approxBytes?(): number;
}
