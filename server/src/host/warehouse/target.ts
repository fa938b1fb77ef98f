// Where `segments size --on …` (and the editor's "count on the warehouse")
// counts: a PostgreSQL database, or DuckDB on a database file or on a
// Parquet, CSV or JSON Lines file. Parsed from the `--on` text; a PostgreSQL
// connection string comes from the text or from SEGMENTS_DATABASE_URL and is
// never shown: `label` is what every message and output says instead.
import { extname, relative, resolve } from 'node:path';
import { pathKind } from '../../core/project/files';

export const DATABASE_URL_VARIABLE = 'SEGMENTS_DATABASE_URL';

/** What DuckDB opens: its own database file, or a data file read as a table. */
export type DuckDbFileKind = 'database' | 'parquet' | 'csv' | 'jsonl';

export type WarehouseTarget =
  | { kind: 'postgres'; url: string; label: string }
  | { kind: 'duckdb'; file: string; format: DuckDbFileKind; label: string };

export class TargetError extends Error {}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * `postgres://…` or `postgresql://…`: that database; `postgres` alone: the URL
 * in SEGMENTS_DATABASE_URL; `duckdb:FILE`: DuckDB on FILE (relative to `cwd`).
 * Throws TargetError with a message that never repeats a connection string.
 */
export function parseTarget(text: string, cwd: string, env: NodeJS.ProcessEnv): WarehouseTarget {
  const trimmed = text.trim();
  if (POSTGRES_URL.test(trimmed)) return { kind: 'postgres', url: trimmed, label: 'postgres' };
  if (/^postgres(?:ql)?$/i.test(trimmed)) {
    const url = env[DATABASE_URL_VARIABLE]?.trim();
    if (!url) throw new TargetError(`\`--on postgres\` reads the connection string from ${DATABASE_URL_VARIABLE}, which is not set`);
    if (!POSTGRES_URL.test(url)) throw new TargetError(`${DATABASE_URL_VARIABLE} must be a connection string starting with postgres:// or postgresql://`);
    return { kind: 'postgres', url, label: 'postgres' };
  }
  const duck = /^duckdb:(.+)$/i.exec(trimmed);
  if (duck) {
    const file = resolve(cwd, duck[1]);
    const shown = relative(cwd, file) || file;
    if (pathKind(file) !== 'file') throw new TargetError(`no such file for --on duckdb: ${shown}`);
    return { kind: 'duckdb', file, format: duckDbFileKind(file), label: `duckdb:${shown}` };
  }
  throw new TargetError('--on takes postgres://…, postgres (the URL in SEGMENTS_DATABASE_URL) or duckdb:FILE (a DuckDB database, or a Parquet, CSV or JSON Lines file)');
}

/** A data file DuckDB reads as a table, by its extension; anything else is a DuckDB database. */
export function duckDbFileKind(file: string): DuckDbFileKind {
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return 'database';
}

/**
 * `message` with every part of the connection string that could identify or
 * open the database (the whole string, user, password, host, port, database)
 * replaced, for an error from the driver that may quote them.
 */
export function redact(message: string, url: string): string {
  const secrets = new Set<string>([url]);
  try {
    const parsed = new URL(url);
    for (const part of [parsed.username, parsed.password, parsed.host, parsed.hostname, parsed.pathname.replace(/^\//, '')]) {
      if (part.length >= 2) {
        secrets.add(part);
        secrets.add(decodeURIComponent(part));
      }
    }
    for (const [, value] of parsed.searchParams) if (value.length >= 2) secrets.add(value);
  } catch {
    // Not a URL: only the whole text is known to be secret.
  }
  let out = message;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('…');
  return out;
}
