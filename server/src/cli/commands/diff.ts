// `segments diff --base REF [--head REF] [paths…] [--format markdown|json] [--fail-on-change PCT]`:
// what changed in the definitions and sizes between a git ref and the working
// tree (or another ref). The base is read from git objects; nothing is checked
// out or written. Both sides are sized on the working tree's sample.
// Exit 1 when the head has errors (printed on stderr, listed in `problems`) or
// when --fail-on-change is given and a segment moved by more; else 0.
import { join, relative, resolve, sep } from 'node:path';
import { diffProject, type ProjectDiff } from '../../core/diff/diff-project';
import { relativeChange, type SizeChange } from '../../core/diff/size-change';
import { formatDay } from '../../core/base/days';
import { SourcePositions } from '../../core/text/source-positions';
import { readSmallText, realPathOrSame } from '../../core/project/files';
import { UsageError, type SourceText } from '../../core/project/open-projects';
import { openForCommand } from '../open-projects';
import { gitTopLevel, resolveCommit } from '../git/git';
import { segmentSourcesAt } from '../git/project-at-commit';
import { renderDiffMarkdown } from '../report/diff-markdown';
import { reportProblems } from '../report/problems';
import { failOnChange, sizeJson, sortSegments, summarize, type DiffProblem, type DiffProjectInfo, type DiffReport, type DiffSegment } from '../report/diff-report';
import type { CliIo } from '../io';

export type DiffFormat = 'markdown' | 'json';

export interface DiffOptions {
  base: string;
  head?: string;
  format: DiffFormat;
  /** Percent; exit 1 when a segment's size moves by more. */
  failOnChange?: number;
  /** False for `--no-cache`. */
  cache?: boolean;
}

export function parsePercent(text: string): number {
  const n = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`--fail-on-change takes a percentage such as 20, not \`${text}\``);
  }
  return n;
}

export function runDiff(paths: string[], options: DiffOptions, io: CliIo): number {
  const opened = openForCommand(paths, io.cwd, { cache: options.cache });
  const selectedPaths = paths.map((p) => realPathOrSame(resolve(io.cwd, p)));
  const selected = selectedPaths.length === 0 ? undefined : (file: string) => selectedPaths.some((p) => file === p || file.startsWith(p + sep));
  let baseCommit = '';
  let headCommit: string | null = null;

  // Both versions of each project, on the working tree's config and data.
  const versions = opened.map(({ snapshot, selected: asked }) => {
    const root = realPathOrSame(snapshot.config.root);
    const top = gitTopLevel(root);
    if (!top) throw new UsageError(`not a git repository: ${relative(io.cwd, root) || '.'} (\`segments diff\` compares with a git ref; run it inside a clone)`);
    baseCommit = resolveCommit(top, options.base);
    headCommit = options.head !== undefined ? resolveCommit(top, options.head) : null;
    const folder = relative(top, root).split(sep).join('/');
    const inRepo = (abs: string) => join(top, relative(top, realPathOrSame(abs)));
    const headSources: SourceText[] = headCommit !== null
      ? segmentSourcesAt(top, headCommit, folder)
      : snapshot.filePaths().map((path) => ({ path: inRepo(path), text: snapshot.textOf(path)! }));
    const head = snapshot.withSources(headSources);
    const base = head.withSources(segmentSourcesAt(top, baseCommit, folder));
    const headSelected = new Set([...asked].map(inRepo));
    return { top, folder, base, head, headSelected };
  });
  // The head's errors (its segment files, the config, schema and sample) fail the run, as in `size` and `sql`.
  const reported = reportProblems(versions.map((v) => ({ snapshot: v.head, selected: v.headSelected })), io, 'diff');

  const segments: DiffSegment[] = [];
  const problems: DiffProblem[] = [];
  const infos: DiffProjectInfo[] = [];
  let unchanged = 0;
  for (const { top, folder, base, head } of versions) {
    const result: ProjectDiff = diffProject({ base, head, selected });
    const repoPath = (abs: string) => relative(top, abs).split(sep).join('/');
    for (const s of result.segments) {
      segments.push({
        segment: s.segment,
        status: s.status,
        file: repoPath(s.file),
        ...(s.movedFrom ? { movedFrom: repoPath(s.movedFrom) } : {}),
        ...(s.unreadableIn ? { unreadableIn: s.unreadableIn } : {}),
        changes: s.changes,
        size: sizeJson(s.size),
      });
    }
    unchanged += result.unchanged;
    const positions = {
      base: new SourcePositions(base.filePaths().map((path) => [path, base.textOf(path)!]), readSmallText),
      head: new SourcePositions(head.filePaths().map((path) => [path, head.textOf(path)!]), readSmallText),
    };
    const headErrors = head.errors().filter((d) => head.textOf(d.file) === undefined || !selected || selected(d.file));
    const sideProblems = [...result.problems, ...headErrors.map((diagnostic) => ({ side: 'head' as const, diagnostic }))];
    const seen = new Set<string>();
    for (const p of sideProblems) {
      const r = positions[p.side].resolve(p.diagnostic);
      const problem: DiffProblem = { side: p.side, file: repoPath(p.diagnostic.file), line: r.line, column: r.column, code: p.diagnostic.code, message: p.diagnostic.message };
      const key = JSON.stringify(problem);
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
    const sample = head.sample();
    infos.push({
      root: folder === '' ? '.' : folder,
      sample: sample.kind === 'ready' ? { profiles: sample.store.profiles.count, asOf: formatDay(head.asOfDay) } : null,
    });
  }

  const sorted = sortSegments(segments);
  const sizes = sorted.map((s) => ({ segment: s.segment, status: s.status, size: sizeOf(s) }));
  const report: DiffReport = {
    base: { ref: options.base, commit: baseCommit },
    head: { ref: options.head ?? null, commit: headCommit },
    summary: summarize(sizes, unchanged),
    projects: infos,
    segments: sorted,
    problems,
  };
  if (options.failOnChange !== undefined) report.failOnChange = failOnChange(sizes, options.failOnChange);

  io.out(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderDiffMarkdown(report));
  if (report.failOnChange?.failed) {
    io.err(`segments: ${report.failOnChange.text}\n`);
    return 1;
  }
  return reported.errors.length > 0 ? 1 : 0;
}

/** The exact size change again (the JSON carries a rounded percent). */
function sizeOf(s: DiffSegment): SizeChange {
  const { before, after, change } = s.size;
  return { before, after, change, relative: before === null || after === null ? null : relativeChange(before, after) };
}
