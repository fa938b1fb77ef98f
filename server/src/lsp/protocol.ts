// The messages this server speaks beyond LSP, shared with the VS Code client
// (client/src/protocol.ts re-exports this file, so both ends compile against
// one contract). Plain data only: any LSP client can use them. The insight
// shapes are the core's own (type imports only: nothing of the core is bundled
// into the client). URIs are LSP
// document URIs (`file:///…`); positions are LSP positions (0-based line,
// UTF-16 character).

import type { AttributeComparison, Bucket } from '../core/insight/compare-attribute';
import type { Overlap } from '../core/insight/overlap';
import type { FunnelReport, FunnelRow } from '../core/workspace/funnel-report';
import type { SegmentInsight } from '../core/workspace/insight';

export interface LspPosition {
  line: number;
  character: number;
}

/** The SQL dialects `segments/sql` accepts; the same names as `segments sql --dialect`. */
export const SQL_DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * Notification server → client: the state of a project's sample (profiles,
 * events, schema). Sent when a load starts, as it progresses, when it ends
 * and when it fails. `project` identifies the project (the URI of its
 * segments.config.json, or of the loose .segment file without one), so a
 * client with several projects can show the one of the active editor.
 */
export const SampleStatusNotification = 'segments/sampleStatus';
export type SampleStatus = SampleStatusBase &
  (
    | { state: 'loading'; /** 0–100 */ percent: number }
    | { state: 'ready'; /** profiles in the sample */ profiles: number; /** the date windows count back from, YYYY-MM-DD */ asOf: string }
    | { state: 'error'; /** plain-English, one line */ message: string; /** URI of the file at fault (sample, events, schema or config) */ file: string }
  );
export interface SampleStatusBase {
  /** URI of the project's segments.config.json (or of a loose .segment file). */
  project?: string;
  /** URI of the sample file, when the config names one. */
  sample?: string;
}

/** Request client → server: the SQL of the segment at `position` in `uri`. */
export const SqlRequest = 'segments/sql';
export interface SqlParams {
  uri: string;
  position: LspPosition;
  dialect: SqlDialect;
  /** The segment's id: when given, that segment of the document's project, wherever the position is. */
  segment?: string;
}
/** `error` says in plain words why there is no SQL (no segment there, the segment has errors, …). */
export type SqlResult = { sql: string; segment?: string } | { error: string };

/**
 * Request client → server: read the sample, events and schema again from
 * disk. With `uri`, only the project of that document; without, every
 * project. Answers once the reload has started (progress follows as
 * `segments/sampleStatus`).
 */
export const ReloadSampleRequest = 'segments/reloadSample';
export interface ReloadSampleParams {
  uri?: string;
}
export type ReloadSampleResult = null;

/** Request client → server: the URI of the sample file of the project of `uri`, or null when it has none. */
export const SampleLocationRequest = 'segments/sampleLocation';
export interface SampleLocationParams {
  uri: string;
}
export type SampleLocationResult = string | null;

// ---------------------------------------------------------------- the insight panel

/** Commands a client runs for the CodeLens above a segment; the server makes lenses buttons only for a client that lists them in `initializationOptions.commands`. */
export const SHOW_INSIGHT_COMMAND = 'segments.showInsight';
export const SHOW_SQL_COMMAND = 'segments.showSql';

/** The argument of SHOW_INSIGHT_COMMAND and SHOW_SQL_COMMAND from a CodeLens: the segment whose block starts at `position`. */
export interface SegmentCommandArgs {
  uri: string;
  position: LspPosition;
  segment?: string;
  /** The lens's tooltip (LSP 3.17 commands have none; the VS Code client puts it on the lens). */
  tooltip?: string;
}

/**
 * Request client → server: what the insight panel shows about the segment at
 * `position` in `uri` (or the one named `segment` in that document's project).
 * Every number comes from the project snapshot, as in the CLI.
 */
export const InsightRequest = 'segments/insight';
export interface InsightParams {
  uri: string;
  position?: LspPosition;
  segment?: string;
  /** Compare members with everyone on this attribute; by default on the few where they differ most. */
  attribute?: string;
  /** Members to list (default 20). */
  memberLimit?: number;
}
export type InsightResult = { insight: InsightData } | { error: string };

/** The core's SegmentInsight (core/workspace/insight.ts) with URIs instead of paths and funnel rows without offsets. */
export type InsightData = Omit<SegmentInsight, 'file' | 'overlaps' | 'funnel'> & {
  /** URI of the file the segment is in (`line`: 1-based line of its `segment` keyword). */
  uri: string;
  funnel?: Omit<FunnelReport, 'rows'> & { rows: InsightFunnelRow[] };
  overlaps: InsightOverlap[];
};

/** A funnel step as core/workspace/funnel-report.ts gives it, without its offsets. */
export type InsightFunnelRow = Omit<FunnelRow, 'span'>;
export type InsightBucket = Bucket;
export type InsightComparison = AttributeComparison;

export interface InsightOverlap extends Overlap {
  segment: string;
  title?: string;
  /** URI of the file the other segment is in, and the 1-based line of its `segment` keyword. */
  uri: string;
  line: number;
}

/**
 * Request client → server: count segments exactly on the user's own database
 * (the editor's "count on the warehouse" action; never sent automatically),
 * as `segments size --on` does. The queries are the compiled SQL of the
 * segments, run read-only with a timeout.
 */
export const CountOnWarehouseRequest = 'segments/countOnWarehouse';
export interface CountOnWarehouseParams {
  /** A document of the project. */
  uri: string;
  /** Ids of the segments to count; every segment of the document when absent. */
  segments?: string[];
  /**
   * `postgres` (the connection string in the server's SEGMENTS_DATABASE_URL),
   * `postgres://…`, or `duckdb:FILE` (a DuckDB database, or a Parquet or CSV
   * file; relative to the project folder). Default: the `segments.warehouse.target` setting.
   */
  target?: string;
  /** Default: the `segments.warehouse.profilesTable` setting, else `profiles`. */
  profilesTable?: string;
  /** Default: the `segments.warehouse.eventsTable` setting, else `events` (with a data file: the events file, if any). */
  eventsTable?: string;
  /** Per query; default 60. */
  timeoutSeconds?: number;
}
export interface WarehouseCount {
  segment: string;
  /** The exact count on the target; null when it could not be counted (`error` says why). */
  count: number | null;
  error?: string;
  /** The segment's count in the sample and the sample's size, for showing both side by side (null when it has no size). */
  sample: { count: number; total: number } | null;
}
/** `on` names the target (never with a connection string); `error`: the target could not be used at all. */
export type CountOnWarehouseResult = { on: string; counts: WarehouseCount[] } | { error: string };
