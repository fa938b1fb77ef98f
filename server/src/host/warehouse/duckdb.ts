// Exact counts with DuckDB: on a DuckDB database file (opened read-only, the
// tables named by --profiles-table / --events-table), or on Parquet or CSV
// files read as tables. CSV files are read as the sample loader reads them
// (csv-views.ts), so a full export in the sample's format counts exactly as
// the sample engine would count it. A query that runs longer than the timeout
// is interrupted.
//
// DuckDB's driver has a native part, so it cannot be bundled: it is an
// optional dependency of the npm package (installed with it where DuckDB
// ships binaries), loaded only here, and looked for next to the project too.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { countQuery, timeoutWords, WarehouseError, type CountOptions, type ExactCount, type SegmentQuery } from './counts';
import { eventsViewSql, profilesViewSql, quoteIdent, quoteText, type FileColumns } from './csv-views';
import type { DuckDbFileKind } from './target';
import { FILE_TABLES } from './duckdb-tables';

type DuckDbApi = typeof import('@duckdb/node-api');

export const DUCKDB_PACKAGE = '@duckdb/node-api';

export interface DuckDbSource {
  /** The DuckDB database, or the profiles file. */
  file: string;
  format: DuckDbFileKind;
  /** Table names in a database; ignored for a data file, whose tables are views named `profiles` and `events`. */
  profilesTable?: string;
  /** An events file beside a profiles file (Parquet or CSV). */
  eventsFile?: { file: string; format: DuckDbFileKind };
  /** What the CSV reader needs: the id column and each column's type, as the sample's catalog has them. */
  columns: FileColumns;
  /** The project folder: the driver is looked for there when the package did not bring it. */
  projectRoot: string;
}

export async function countOnDuckDb(source: DuckDbSource, queries: readonly SegmentQuery[], options: CountOptions): Promise<ExactCount[]> {
  const duckdb = await loadDriver(source.projectRoot);
  let instance;
  try {
    instance =
      source.format === 'database'
        ? await duckdb.DuckDBInstance.create(source.file, { access_mode: 'READ_ONLY' })
        : await duckdb.DuckDBInstance.create(':memory:');
  } catch (e) {
    throw new WarehouseError(`DuckDB cannot open ${source.format === 'database' ? 'the database' : 'the file'}: ${messageOf(e)}`);
  }
  const connection = await instance.connect();
  try {
    // Dates of date-times are their UTC day, as in the sample.
    await connection.run("SET TimeZone = 'UTC'");
    if (source.format !== 'database') await createFileViews(connection, source);
    const counts: ExactCount[] = [];
    for (const { segment, sql } of queries) counts.push(await countOne(connection, segment, sql, options.timeoutMs));
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function countOne(connection: DuckDBConnection, segment: string, sql: string, timeoutMs: number): Promise<ExactCount> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  try {
    const reader = await connection.runAndReadAll(countQuery(sql));
    return { segment, count: Number(reader.getRows()[0][0]) };
  } catch (e) {
    return { segment, count: null, error: timedOut ? `the query ran longer than ${timeoutWords(timeoutMs)} and was stopped (raise --timeout)` : messageOf(e) };
  } finally {
    clearTimeout(timer);
  }
}

async function createFileViews(connection: DuckDBConnection, source: DuckDbSource): Promise<void> {
  const views: [string, { file: string; format: DuckDbFileKind }, 'profiles' | 'events'][] = [[FILE_TABLES.profiles, source, 'profiles']];
  if (source.eventsFile) views.push([FILE_TABLES.events, source.eventsFile, 'events']);
  for (const [name, file, table] of views) {
    try {
      if (file.format === 'parquet') {
        await connection.run(`CREATE VIEW ${quoteIdent(name)} AS SELECT * FROM read_parquet(${quoteText(file.file)})`);
      } else if (file.format === 'csv') {
        const header = await csvHeader(connection, file.file);
        await connection.run(table === 'profiles' ? profilesViewSql(name, file.file, header, source.columns) : eventsViewSql(name, file.file, header, source.columns));
      } else {
        throw new WarehouseError('DuckDB reads Parquet and CSV files here; load other files into a DuckDB database first');
      }
    } catch (e) {
      if (e instanceof WarehouseError) throw e;
      throw new WarehouseError(`DuckDB cannot read the ${table} file: ${messageOf(e)}`);
    }
  }
}

/** The column names of a CSV file's header, as DuckDB's reader sees them. */
async function csvHeader(connection: DuckDBConnection, file: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${quoteText(file)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', null_padding = true)`);
  return reader.getRows().map((row) => String(row[0]));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The driver: installed with the package, or in the project's own node_modules; else an error saying what to install. */
async function loadDriver(projectRoot: string): Promise<DuckDbApi> {
  let problem: unknown;
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    problem = e;
  }
  try {
    return createRequire(join(projectRoot, 'package.json'))(DUCKDB_PACKAGE) as DuckDbApi;
  } catch (e) {
    // Found but broken (a native part for another platform, a missing library): say that, not "install it".
    const broken = [problem, e].find((x) => !isNotFound(x));
    if (broken) throw new WarehouseError(`DuckDB's driver, the npm package ${DUCKDB_PACKAGE}, is installed but could not be loaded: ${messageOf(broken)}`);
    throw new WarehouseError(
      `counting with DuckDB needs its driver, the npm package ${DUCKDB_PACKAGE}, which is not installed here ` +
        `(it is an optional dependency of segments-language, skipped by \`npm install --omit=optional\` and on platforms DuckDB has no binaries for): ` +
        `run \`npm install ${DUCKDB_PACKAGE}\` in the project`,
    );
  }
}

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}
