// `segments sql [paths…] --dialect D [--profiles-table T] [--events-table T] [--format text|json]`:
// one query per segment returning the ids of its members. A segment that cannot
// be compiled (errors in it or in a segment it uses) is named with its reason on
// stderr and, in JSON, listed with `"sql": null`; the exit status is then 1.
import type { Dialect } from '../../core/sql/dialects';
import type { SqlAnswer } from '../../core/workspace/snapshot';
import { unsizedReason } from '../../core/workspace/sizes';
import { openForCommand } from '../open-projects';
import type { JsonDiagnostic } from '../report/json-report';
import { reportProblems } from '../report/problems';
import type { CliIo } from '../io';

export interface SqlOptions {
  dialect: Dialect;
  profilesTable?: string;
  eventsTable?: string;
  format: 'text' | 'json';
  /** False for `--no-cache`. */
  cache?: boolean;
}

export interface SqlRow {
  segment: string;
  dialect: Dialect;
  /** Null when the segment cannot be compiled: `reason` says why. */
  sql: string | null;
  reason?: string;
  /** Errors behind this row: the segment's own, and those of the config and schema, which the query depends on. */
  problems: JsonDiagnostic[];
}

export function runSql(paths: string[], options: SqlOptions, io: CliIo): number {
  // The catalog tells list membership from substring tests; the sample itself is not needed,
  // but the schema-less case infers types from it.
  const projects = openForCommand(paths, io.cwd, { cache: options.cache });
  const problems = reportProblems(projects, io, 'sql');
  const rows: SqlRow[] = [];
  for (const { snapshot, selected } of projects) {
    const projectErrors = snapshot.projectDiagnostics().filter((d) => d.severity === 'error');
    for (const entry of snapshot.segments()) {
      if (entry.id === undefined || !selected.has(entry.file)) continue;
      const answer = snapshot.sql(entry.decl, options);
      if (answer.kind === 'sql') {
        rows.push({ segment: entry.id, dialect: options.dialect, sql: answer.sql, problems: problems.json(projectErrors) });
        continue;
      }
      const reason = noSqlReason(answer);
      io.err(`segments: \`${entry.id}\` has no query: ${reason}\n`);
      const own = answer.kind === 'has-errors' ? answer.errors : [];
      rows.push({ segment: entry.id, dialect: options.dialect, sql: null, reason, problems: problems.json([...own, ...projectErrors]) });
    }
  }
  if (options.format === 'json') io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else io.out(rows.flatMap((q) => (q.sql === null ? [] : [`${q.sql.trimEnd()}${q.sql.trimEnd().endsWith(';') ? '' : ';'}\n`])).join('\n'));
  return problems.errors.length > 0 || rows.some((r) => r.sql === null) ? 1 : 0;
}

function noSqlReason(answer: Exclude<SqlAnswer, { kind: 'sql' }>): string {
  return answer.kind === 'cannot-compile' ? `cannot be compiled: ${answer.error.message}` : unsizedReason(answer);
}
