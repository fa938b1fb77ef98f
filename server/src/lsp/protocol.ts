// The messages this server speaks beyond LSP, shared with the VS Code client
// (client/src/protocol.ts re-exports this file, so both ends compile against
// one contract). Plain data only: any LSP client can use them. URIs are LSP
// document URIs (`file:///…`); positions are LSP positions (0-based line,
// UTF-16 character).

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
