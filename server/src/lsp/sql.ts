// `segments/sql`: the SQL of the segment at a position, in a chosen dialect,
// compiled by the core compiler exactly as `segments sql` does. A segment with
// errors gets a plain-words reason instead of a query.
import { compileSegment, isDialect, SqlCompileError } from '../core/sql/compile';
import { segmentAt } from './ast-lookup';
import type { ProjectState } from './project-state';
import type { SqlResult } from './protocol';
import { plural } from '../core/text/numbers';
import { brokenDependencies, errorCountOf } from '../core/workspace/segment-health';

export function segmentSql(project: ProjectState, path: string, offset: number, dialect: string): SqlResult {
  if (!isDialect(dialect)) return { error: `Unknown SQL dialect "${dialect}": use duckdb, postgres, bigquery, snowflake or spark.` };
  const file = project.parsed(path);
  const decl = file ? segmentAt(file.ast, offset) : undefined;
  if (!decl) return { error: 'Put the cursor inside a segment block to see its SQL.' };
  const id = decl.id?.text ?? '';
  const analysis = project.analysis();
  const errors = errorCountOf(analysis, decl);
  if (errors > 0) return { error: `Segment \`${id}\` has ${plural(errors, 'error')}: fix ${errors === 1 ? 'it' : 'them'} to see its SQL.` };
  const broken = brokenDependencies(analysis, decl);
  if (broken.length > 0) {
    return { error: `Segment \`${id}\` uses ${broken.map((i) => `\`${i}\``).join(', ')}, which ${broken.length === 1 ? 'has' : 'have'} errors: fix them to see its SQL.` };
  }
  try {
    const sql = compileSegment(decl, analysis.segmentsById, {
      dialect,
      idColumn: project.config.idColumn,
      asOf: project.config.asOf,
      catalog: project.data?.catalog,
    });
    return id ? { sql, segment: id } : { sql };
  } catch (e) {
    if (e instanceof SqlCompileError) return { error: e.message };
    throw e;
  }
}
