// The messages between the insight panel (insight-panel.ts, in the extension
// host) and its webview (insight-view/, in the browser). Plain data only.
import type { CountOnWarehouseResult, InsightData, SqlDialect } from './protocol';

/** Extension → webview. */
export type ToView =
  /** What to show; `stale` is false once the data matches the text in the editor. */
  | { type: 'insight'; generation: number; insight: InsightData; dialect: SqlDialect; attribute?: string }
  /** The segment's text changed: the numbers on screen are of the previous definition until the next `insight`. */
  | { type: 'stale' }
  /** No segment to show, and why. */
  | { type: 'empty'; message: string }
  /** The answer to `countOnWarehouse` for `segment`. */
  | { type: 'warehouse'; segment: string; result: CountOnWarehouseResult };

/** Webview → extension. */
export type FromView =
  | { type: 'ready' }
  /** Show line `line` (1-based) of `uri` in the editor. */
  | { type: 'reveal'; uri: string; line: number }
  /** Open another segment in the panel (and its file). */
  | { type: 'openSegment'; uri: string; line: number; segment: string }
  /** Compare on this attribute (undefined: the ones that differ most). */
  | { type: 'attribute'; attribute?: string }
  | { type: 'copySql'; dialect: SqlDialect }
  | { type: 'showSql'; dialect: SqlDialect }
  /** Count `segment` exactly on the warehouse (only ever sent by a click). */
  | { type: 'countOnWarehouse'; segment: string }
  /** Rendering finished for the data of `generation` (timings for the bench and tests). */
  | { type: 'rendered'; generation: number; ms: number; at: number };
