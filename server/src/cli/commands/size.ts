// `segments size [paths…] [--sample FILE] [--format table|json|markdown]
//                [--on TARGET [--profiles-table T] [--events-table T] [--timeout S]]`:
// each segment's members in the sample, its share and, with `population`,
// the estimated real audience with a 95% interval; with `--on`, beside them
// the exact count on the user's own tables (PostgreSQL or DuckDB).
import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../../core/base/diagnostics';
import { formatDay } from '../../core/base/days';
import { pathNature, pathNatureWords } from '../../core/project/files';
import { UsageError } from '../../core/project/open-projects';
import { formatCount, formatShare, plural } from '../../core/text/numbers';
import { estimateWords, stepLabel } from '../../core/workspace/size-words';
import type { FunnelReport } from '../../core/workspace/funnel-report';
import { unsizedReason, type SegmentSize } from '../../core/workspace/sizes';
import { openForCommand } from '../open-projects';
import type { JsonDiagnostic } from '../report/json-report';
import { reportProblems } from '../report/problems';
import type { CliIo } from '../io';
import { DEFAULT_TIMEOUT_MS, exactCounts } from '../../host/warehouse/exact-counts';
import { parseTarget, TargetError, type WarehouseTarget } from '../../host/warehouse/target';
import type { SegmentEntry } from '../../core/workspace/snapshot';

export type SizeFormat = 'table' | 'json' | 'markdown';

export interface SizeRow {
  segment: string;
  file: string;
  /** Null when the segment cannot be sized: `reason` says why. */
  count: number | null;
  /** Profiles in the sample; null when the sample could not be read. */
  total: number | null;
  estimate?: number;
  low?: number;
  high?: number;
  /** Present when the segment has errors (count is then null). */
  errors?: number;
  /** Present when a segment it refers to has errors (count is then null). */
  blockedBy?: string;
  /** Why there is no count, in words. */
  reason?: string;
  /** Errors behind this row: the segment's own, and those of the config, schema and sample, which every count depends on. */
  problems: JsonDiagnostic[];
  /** With `--funnel`: how many remain after each top-level condition and the exclude. */
  funnel?: FunnelStepRow[];
  /** With `--on`: the exact count on the target (`on` names it, never with a connection string), or why there is none. */
  exact?: { on: string; count: number } | { on: string; count: null; error: string };
}

export interface FunnelStepRow {
  kind: 'include' | 'exclude';
  /** 1-based line where the condition starts. */
  line: number;
  condition: string;
  /** Profiles left after this step and those before it. */
  remaining: number;
  /** Profiles this step took out. */
  drop: number;
  /** Profiles the condition holds for by itself. */
  matching: number;
  /** The alternatives of an `or` condition: how many of those reaching the step each holds for. */
  alternatives?: { line: number; condition: string; matching: number }[];
}

/**
 * `--sample` takes a file, or a pipe (`/dev/stdin` fed by a pipe, `<(zcat
 * users.csv.gz)`), which is read to its end first. A terminal or another
 * device is refused: reading it would wait for typing, or never end.
 */
function checkSampleOption(path: string, given: string): void {
  const nature = pathNature(path);
  if (nature === 'file' || nature === 'pipe' || nature === 'socket') return;
  if (nature === 'missing') throw new UsageError(`no such sample file: ${given}`);
  const hint = nature === 'device' ? ' (a terminal, or a device like /dev/zero); give a file, or pipe one in: --sample /dev/stdin < users.csv' : '';
  throw new UsageError(`--sample ${given} is ${pathNatureWords(nature)}${hint}`);
}

export interface SizeOptions {
  sample?: string;
  format: SizeFormat;
  cache?: boolean;
  /** `--funnel`: how many remain after each step. */
  funnel?: boolean;
  /** `--on`: where to count exactly (postgres://…, postgres, duckdb:FILE). */
  on?: string;
  profilesTable?: string;
  eventsTable?: string;
  /** `--timeout`, seconds per query on the target. */
  timeout?: string;
}

export async function runSize(paths: string[], options: SizeOptions, io: CliIo): Promise<number> {
  const target = options.on === undefined ? undefined : targetOf(options.on, io);
  const timeoutMs = options.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseTimeout(options.timeout);
  const sampleOverride = options.sample ? resolve(io.cwd, options.sample) : undefined;
  if (sampleOverride) checkSampleOption(sampleOverride, options.sample!);
  const projects = openForCommand(paths, io.cwd, { sampleOverride, cache: options.cache });
  const problems = reportProblems(projects, io, 'size');
  const rows: SizeRow[] = [];
  const samples: SampleInfo[] = [];
  const withoutSample: string[] = [];
  let warehouseFailed = false;
  for (const { snapshot, selected } of projects) {
    const sample = snapshot.sample();
    if (sample.kind === 'missing' && sample.problem === 'none') {
      withoutSample.push(relative(io.cwd, snapshot.config.root) || '.');
      continue;
    }
    // Errors outside segment files (config, schema, sample) stand behind every number of the project.
    const projectErrors = snapshot.projectDiagnostics().filter((d) => d.severity === 'error');
    let segments = 0;
    const sized: SegmentEntry[] = [];
    const projectRows: SizeRow[] = [];
    for (const entry of snapshot.segments()) {
      if (entry.id === undefined || !selected.has(entry.file)) continue;
      const total = sample.kind === 'ready' ? sample.store.profiles.count : null;
      const row = toRow(entry.id, entry.file, snapshot.size(entry.decl), total, projectErrors, problems.json, io.cwd);
      const funnel = options.funnel && row.count !== null ? snapshot.funnel(entry.decl) : undefined;
      if (funnel) row.funnel = funnelRows(funnel);
      projectRows.push(row);
      sized.push(entry);
      segments++;
    }
    if (target && sized.length > 0) {
      const answer = await exactCounts(snapshot, sized, { target, profilesTable: options.profilesTable, eventsTable: options.eventsTable, timeoutMs, baseDir: io.cwd });
      if (!answer.ok) {
        io.err(`segments size: ${answer.error}\n`);
        warehouseFailed = true;
      }
      projectRows.forEach((row, i) => {
        const exact = answer.ok ? answer.counts[i] : { count: null, error: answer.error };
        row.exact = exact.count === null ? { on: target.label, count: null, error: exact.error } : { on: target.label, count: exact.count };
        if (exact.count === null) warehouseFailed = true;
      });
      if (answer.ok) for (const c of answer.counts) if (c.count === null) io.err(`segments size: \`${c.segment}\` has no exact count on ${target.label}: ${c.error}\n`);
    }
    rows.push(...projectRows);
    if (sample.kind === 'ready') {
      samples.push({
        segments,
        profiles: sample.store.profiles.count,
        asOf: formatDay(snapshot.asOfDay),
        asOfIsToday: snapshot.config.asOf === undefined,
        population: snapshot.config.population,
      });
    }
  }
  if (withoutSample.length > 0 && rows.length === 0) {
    for (const root of withoutSample) io.err(`segments: ${root}: no sample to size against; set "sample" in segments.config.json or pass --sample FILE\n`);
    return 2;
  }
  if (options.format === 'json') io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else if (options.format === 'markdown') io.out(markdownReport(rows, samples, target) + (options.funnel ? markdownFunnels(rows) : ''));
  else io.out(textTable(rows, target) + (options.funnel ? textFunnels(rows) : ''));
  return problems.errors.length > 0 || rows.some((r) => r.count === null) || warehouseFailed ? 1 : 0;
}

function targetOf(text: string, io: CliIo): WarehouseTarget {
  try {
    return parseTarget(text, io.cwd, io.env ?? process.env);
  } catch (e) {
    if (e instanceof TargetError) throw new UsageError(e.message);
    throw e;
  }
}

function parseTimeout(text: string): number {
  const seconds = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes a number of seconds above 0, such as 60, not \`${text}\``);
  return seconds * 1000;
}

function toRow(
  segment: string,
  file: string,
  size: SegmentSize,
  total: number | null,
  projectErrors: Diagnostic[],
  json: (d: Diagnostic[]) => JsonDiagnostic[],
  cwd: string,
): SizeRow {
  const where = relative(cwd, file) || file;
  if (size.kind === 'sized') {
    const row: SizeRow = { segment, file: where, count: size.count, total: size.total, problems: json(projectErrors) };
    if (size.estimate) {
      row.estimate = size.estimate.estimate;
      row.low = size.estimate.low;
      row.high = size.estimate.high;
    }
    return row;
  }
  const row: SizeRow = { segment, file: where, count: null, total, reason: unsizedReason(size), problems: json(projectErrors) };
  if (size.kind === 'has-errors' || size.kind === 'partial') {
    row.errors = size.errorCount;
    row.problems = json([...size.errors, ...projectErrors]);
  } else if (size.kind === 'waits-on') {
    row.blockedBy = size.dependencies[0];
  }
  return row;
}

function cells(r: SizeRow): string[] {
  if (r.count === null || r.total === null) return [r.segment, r.reason ?? '', '', ''];
  const est = r.estimate !== undefined ? estimateWords({ estimate: r.estimate, low: r.low!, high: r.high! }) : '';
  return [r.segment, `${formatCount(r.count)} of ${formatCount(r.total)}`, formatShare(r.count, r.total), est];
}

/** The exact count's cell: the number, or a dash (stderr says why). */
function exactCell(r: SizeRow): string {
  return r.exact?.count == null ? '–' : formatCount(r.exact.count);
}

function textTable(rows: SizeRow[], target: WarehouseTarget | undefined): string {
  const hasEstimate = rows.some((r) => r.estimate !== undefined);
  const header = ['segment', 'members', 'share', ...(hasEstimate ? ['estimate (95%)'] : []), ...(target ? [`exact on ${target.label}`] : [])];
  const body = rows.map((r) => [...cells(r).slice(0, hasEstimate ? 4 : 3), ...(target ? [exactCell(r)] : [])]);
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
function markdownReport(rows: SizeRow[], samples: SampleInfo[], target: WarehouseTarget | undefined): string {
  const totals = samples.map((s) => {
    const population = s.population !== undefined ? `; estimates for a population of ${formatCount(s.population)}` : '';
    const asOf = `${s.asOf}${s.asOfIsToday ? ' (today)' : ''}`;
    return `${plural(s.segments, 'segment')} sized on a sample of ${formatCount(s.profiles)} profiles as of ${asOf}${population}.`;
  });
  return ['### Audience sizes', '', markdownTable(rows, target), ...totals.map((t) => `${t}\n`)].join('\n');
}

function markdownTable(rows: SizeRow[], target: WarehouseTarget | undefined): string {
  const hasEstimate = rows.some((r) => r.estimate !== undefined);
  const header = ['Segment', 'Members', 'Share', ...(hasEstimate ? ['Estimated audience (95%)'] : []), ...(target ? [`Exact on ${target.label}`] : [])];
  const align = ['---', '---:', '---:', ...(hasEstimate ? ['---:'] : []), ...(target ? ['---:'] : [])];
  const body = rows.map((r) => {
    const c = [...cells(r).slice(0, hasEstimate ? 4 : 3), ...(target ? [exactCell(r)] : [])];
    c[0] = `\`${r.segment}\``;
    return c.map((x) => x.replace(/\|/g, '\\|'));
  });
  return [header, align, ...body].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
}

function funnelRows(report: FunnelReport): FunnelStepRow[] {
  return report.rows.map((r) => {
    const row: FunnelStepRow = { kind: r.kind, line: r.line, condition: r.text, remaining: r.remaining, drop: r.drop, matching: r.matching };
    if (r.branches) row.alternatives = r.branches.map((b) => ({ line: b.line, condition: b.text, matching: b.matching }));
    return row;
  });
}

/** After the table: each segment's steps, `→ remaining · share` and what the step took out. */
function textFunnels(rows: SizeRow[]): string {
  const blocks = rows.filter((r) => r.funnel && r.total !== null).map((r) => {
    const total = r.total!;
    const lines = r.funnel!.map((s) => {
      const where = `line ${s.line}`.padEnd(9);
      const drop = s.drop > 0 ? `  −${formatCount(s.drop)}` : '';
      const alternatives = (s.alternatives ?? []).map((a) => `\n${' '.repeat(13)}or line ${a.line}: ${a.condition}  (${formatCount(a.matching)})`).join('');
      return `  ${where}  ${stepLabel(s.remaining, total).padEnd(22)}${s.condition}${drop}${alternatives}`;
    });
    return [`${r.segment} (${formatCount(r.count!)} of ${formatCount(total)})`, ...lines].join('\n');
  });
  return blocks.length > 0 ? `\nFunnels: profiles left after each condition\n\n${blocks.join('\n\n')}\n` : '';
}

function markdownFunnels(rows: SizeRow[]): string {
  const blocks = rows.filter((r) => r.funnel && r.total !== null).map((r) => {
    const total = r.total!;
    const body = r.funnel!.map((s) => {
      return `| ${s.line} | \`${s.condition.replace(/\|/g, '\\|')}\` | ${formatCount(s.remaining)} | ${formatShare(s.remaining, total)} | ${s.drop > 0 ? `−${formatCount(s.drop)}` : ''} |`;
    });
    return [`#### \`${r.segment}\``, '', '| Line | Condition | Remaining | Share | Taken out |', '|---:|---|---:|---:|---:|', ...body, ''].join('\n');
  });
  return blocks.length > 0 ? ['', '### Funnels', '', ...blocks].join('\n') : '';
}
