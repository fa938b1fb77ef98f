// `segments sql [paths…] --dialect D [--profiles-table T] [--events-table T] [--format text|json]`:
// one query per segment returning the ids of its members.
import { compileSegment, SqlCompileError, type Dialect } from '../../core/sql/compile';
import { analyzeProject } from '../../core/workspace/analyze';
import { segmentsWithErrors } from '../../core/workspace/segment-health';
import { openProjects } from '../../core/project/open-projects';
import { loadProjectData } from '../../core/workspace/project-data';
import { bundledCsvPartWorker } from '../../host/bundled-workers';
import type { CliIo } from '../io';

export interface SqlOptions {
  dialect: Dialect;
  profilesTable?: string;
  eventsTable?: string;
  format: 'text' | 'json';
}

export function runSql(paths: string[], options: SqlOptions, io: CliIo): number {
  const out: { segment: string; dialect: Dialect; sql: string }[] = [];
  let failed = 0;
  for (const project of openProjects(paths, io.cwd)) {
    // The catalog tells list membership from substring tests; the sample itself is not needed,
    // but the schema-less case infers types from it.
    const data = project.config.configFile ? loadProjectData(project.config, { csvPartWorker: bundledCsvPartWorker() }) : undefined;
    const analysis = analyzeProject(project.sources, data);
    const broken = segmentsWithErrors(analysis);
    for (const file of analysis.files) {
      if (!project.selected.has(file.path)) continue;
      for (const decl of file.ast.segments) {
        if (!decl.id) continue;
        if (broken.has(decl)) {
          io.err(`segments: \`${decl.id.text}\` has errors; run \`segments check\` to see them\n`);
          failed++;
          continue;
        }
        try {
          const sql = compileSegment(decl, analysis.segmentsById, {
            dialect: options.dialect,
            profilesTable: options.profilesTable,
            eventsTable: options.eventsTable,
            idColumn: project.config.idColumn,
            asOf: project.config.asOf,
            catalog: data?.catalog,
          });
          out.push({ segment: decl.id.text, dialect: options.dialect, sql });
        } catch (e) {
          if (!(e instanceof SqlCompileError)) throw e;
          io.err(`segments: \`${decl.id.text}\` cannot be compiled: ${e.message}\n`);
          failed++;
        }
      }
    }
  }
  if (options.format === 'json') io.out(`${JSON.stringify(out, null, 2)}\n`);
  else io.out(out.map((q) => `${q.sql.trimEnd()}${q.sql.trimEnd().endsWith(';') ? '' : ';'}\n`).join('\n'));
  return failed > 0 ? 1 : 0;
}
