// Exact counts on PostgreSQL: one connection, each query in its own read-only
// transaction with a statement timeout, so a count can neither change the
// database nor run for ever. The driver's messages can quote the user, host or
// database; what is shown is ours, or theirs with those parts removed.
import pg from 'pg';
import { countQuery, timeoutWords, WarehouseError, type CountOptions, type ExactCount, type SegmentQuery } from './counts';
import { redact } from './target';

/** How long to wait for the server to accept the connection. */
const CONNECT_TIMEOUT_MS = 15_000;

export async function countOnPostgres(url: string, queries: readonly SegmentQuery[], options: CountOptions): Promise<ExactCount[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'segments' });
  // A connection that drops later is reported by the query that was running; nothing else may throw asynchronously.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new WarehouseError(`cannot connect to the PostgreSQL database: ${connectProblem(e, url)}`);
  }
  try {
    const counts: ExactCount[] = [];
    for (const { segment, sql } of queries) {
      try {
        await client.query('BEGIN TRANSACTION READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`);
        const result = await client.query<{ members: string }>(countQuery(sql));
        counts.push({ segment, count: Number(result.rows[0].members) });
      } catch (e) {
        counts.push({ segment, count: null, error: queryProblem(e, url, options.timeoutMs) });
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
      }
    }
    return counts;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface DriverError {
  code?: string;
  message?: string;
}

function connectProblem(e: unknown, url: string): string {
  const { code, message } = (e ?? {}) as DriverError;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection (is it running, and on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'ETIMEDOUT':
      return 'the server did not answer';
    case '28P01':
    case '28000':
      return 'the server refused the user name or password';
    case '3D000':
      return 'the database does not exist';
  }
  if (/timeout/i.test(message ?? '')) return `the server did not answer within ${timeoutWords(CONNECT_TIMEOUT_MS)}`;
  return redact(message ?? String(e), url);
}

function queryProblem(e: unknown, url: string, timeoutMs: number): string {
  const { code, message } = (e ?? {}) as DriverError;
  if (code === '57014') return `the query ran longer than ${timeoutWords(timeoutMs)} and was stopped (raise --timeout)`;
  if (code === '25006') return `the query tried to change the database, which a count never does: ${redact(message ?? '', url)}`;
  return redact(message ?? String(e), url);
}
