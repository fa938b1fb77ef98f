// `segments/sql`: the SQL of the segment at a position, in a chosen dialect,
// from the project's snapshot, exactly as `segments sql` gets it. A segment
// with errors gets a plain-words reason instead of a query.
import { isDialect } from '../core/sql/dialects';
import { plural } from '../core/text/numbers';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { segmentAt } from './ast-lookup';
import type { SqlResult } from './protocol';

export function segmentSql(project: ProjectSnapshot, path: string, offset: number, dialect: string, segment?: string): SqlResult {
  if (!isDialect(dialect)) return { error: `Unknown SQL dialect "${dialect}": use duckdb, postgres, bigquery, snowflake or spark.` };
  const file = project.parsed(path);
  const decl = segment
    ? (file?.ast.segments.find((s) => s.id?.text === segment) ?? project.segment(segment)?.decl)
    : file
      ? segmentAt(file.ast, offset)
      : undefined;
  if (!decl) return { error: segment ? `There is no segment \`${segment}\` in this project.` : 'Put the cursor inside a segment block to see its SQL.' };
  const id = decl.id?.text ?? '';
  const answer = project.sql(decl, { dialect });
  switch (answer.kind) {
    case 'sql':
      return id ? { sql: answer.sql, segment: id } : { sql: answer.sql };
    case 'has-errors': {
      const n = answer.errorCount;
      return { error: `Segment \`${id}\` has ${plural(n, 'error')}: fix ${n === 1 ? 'it' : 'them'} to see its SQL.` };
    }
    case 'waits-on': {
      const ids = answer.dependencies;
      return { error: `Segment \`${id}\` uses ${ids.map((i) => `\`${i}\``).join(', ')}, which ${ids.length === 1 ? 'has' : 'have'} errors: fix them to see its SQL.` };
    }
    case 'cannot-compile':
      return { error: answer.error.message };
  }
}
