// `segments size [paths…] [--sample FILE] [--format table|json|markdown]`:
// each segment's members in the sample, its share and, with `population`,
// the estimated real audience with a 95% interval.
import { relative } from 'node:path';
import { resolve } from 'node:path';
import { analyzeProject } from '../../core/workspace/analyze';
import { pathKind } from '../../core/project/files';
import { openProjects, UsageError } from '../../core/project/open-projects';
import { loadProjectData } from '../../core/workspace/project-data';
import { bundledCsvPartWorker } from '../../host/bundled-workers';
import { asOfDay, computeSizes, type SegmentSize } from '../../core/workspace/sizes';
import { formatDay } from '../../core/base/days';
import { formatCompact, formatCount, formatShare, plural } from '../../core/text/numbers';
import type { CliIo } from '../io';

export type SizeFormat = 'table' | 'json' | 'markdown';

export interface SizeRow {
  segment: string;
  file: string;
  count: number | null;
  total: number;
  estimate?: number;
  low?: number;
  high?: number;
  /** Present when the segment has errors (count is then null). */
  errors?: number;
  /** Present when a segment it refers to has errors (count is then null). */
  blockedBy?: string;
}

export function runSize(paths: string[], options: { sample?: string; format: SizeFormat }, io: CliIo): number {
  const sampleOverride = options.sample ? resolve(io.cwd, options.sample) : undefined;
  if (sampleOverride && !pathKind(sampleOverride)) throw new UsageError(`no such sample file: ${options.sample}`);
  const rows: SizeRow[] = [];
  const samples: SampleInfo[] = [];
  let dataErrors = 0;
  const problems: string[] = [];
  for (const project of openProjects(paths, io.cwd)) {
    const data = loadProjectData(project.config, { sampleOverride, csvPartWorker: bundledCsvPartWorker() });
    for (const d of [...project.configDiagnostics, ...data.diagnostics]) {
      if (d.severity !== 'error') continue;
      dataErrors++;
      problems.push(`${relative(io.cwd, d.file) || d.file}: ${d.message}`);
    }
    if (!data.store) {
      if (!problems.length) problems.push(`${relative(io.cwd, project.config.root) || '.'}: no sample to size against; set "sample" in segments.config.json or pass --sample FILE`);
      dataErrors++;
      continue;
    }
    const analysis = analyzeProject(project.sources, data);
    let segments = 0;
    for (const s of computeSizes(analysis, data, project.config)) {
      if (!project.selected.has(s.file)) continue;
      rows.push(toRow(s, io.cwd));
      segments++;
    }
    samples.push({
      segments,
      profiles: data.store.profiles.count,
      asOf: formatDay(asOfDay(project.config)),
      asOfIsToday: project.config.asOf === undefined,
      population: project.config.population,
    });
  }
  for (const p of problems) io.err(`segments: ${p}\n`);
  if (dataErrors > 0 && rows.length === 0) return 2;
  if (options.format === 'json') io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else if (options.format === 'markdown') io.out(markdownReport(rows, samples));
  else io.out(textTable(rows));
  return rows.some((r) => r.count === null) ? 1 : 0;
}

function toRow(s: SegmentSize, cwd: string): SizeRow {
  const row: SizeRow = { segment: s.id, file: relative(cwd, s.file) || s.file, count: s.count ?? null, total: s.total };
  if (s.estimate && s.count !== undefined) {
    row.estimate = s.estimate.estimate;
    row.low = s.estimate.low;
    row.high = s.estimate.high;
  }
  if (s.count === undefined && s.blockedBy) row.blockedBy = s.blockedBy;
  else if (s.count === undefined) row.errors = s.errors;
  return row;
}

function cells(r: SizeRow): string[] {
  if (r.count === null && r.blockedBy) return [r.segment, `waits on \`${r.blockedBy}\` (has errors)`, '', ''];
  if (r.count === null) return [r.segment, `fix ${plural(r.errors!, 'error')}`, '', ''];
  const est = r.estimate !== undefined ? `≈ ${formatCompact(r.estimate)} (${formatCompact(r.low!)}–${formatCompact(r.high!)})` : '';
  return [r.segment, `${formatCount(r.count)} of ${formatCount(r.total)}`, formatShare(r.count, r.total), est];
}

function textTable(rows: SizeRow[]): string {
  const hasEstimate = rows.some((r) => r.estimate !== undefined);
  const header = ['segment', 'members', 'share', ...(hasEstimate ? ['estimate (95%)'] : [])];
  const body = rows.map((r) => cells(r).slice(0, header.length));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]].length)));
  const line = (cols: string[]) =>
    cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

interface SampleInfo {
  segments: number;
  profiles: number;
  asOf: string;
  asOfIsToday: boolean;
  population?: number;
}

/** For a pull-request comment: a heading, the table, and what the numbers were counted on. */
function markdownReport(rows: SizeRow[], samples: SampleInfo[]): string {
  const totals = samples.map((s) => {
    const population = s.population !== undefined ? `; estimates for a population of ${formatCount(s.population)}` : '';
    const asOf = `${s.asOf}${s.asOfIsToday ? ' (today)' : ''}`;
    return `${plural(s.segments, 'segment')} sized on a sample of ${formatCount(s.profiles)} profiles as of ${asOf}${population}.`;
  });
  return ['### Audience sizes', '', markdownTable(rows), ...totals.map((t) => `${t}\n`)].join('\n');
}

function markdownTable(rows: SizeRow[]): string {
  const hasEstimate = rows.some((r) => r.estimate !== undefined);
  const header = ['Segment', 'Members', 'Share', ...(hasEstimate ? ['Estimated audience (95%)'] : [])];
  const align = ['---', '---:', '---:', ...(hasEstimate ? ['---:'] : [])];
  const body = rows.map((r) => {
    const c = cells(r).slice(0, header.length);
    c[0] = `\`${r.segment}\``;
    return c.map((x) => x.replace(/\|/g, '\\|'));
  });
  return [header, align, ...body].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
}
