// `segments overlap [ids…] [--format table|json|markdown]`: how much
// segments of the project in the current folder share, counted on the
// sample. With no id, every pair that shares anyone, most shared first; with
// one, that segment against every other; with several, every pair of them.
// The numbers are the snapshot's (core/insight/overlap.ts), those of the
// editor's insight panel.
import { UsageError } from '../../core/project/open-projects';
import { formatCount, formatShare } from '../../core/text/numbers';
import type { SegmentEntry } from '../../core/workspace/snapshot';
import { byOverlap } from '../../core/workspace/insight';
import type { Overlap } from '../../core/insight/overlap';
import { unsizedReason } from '../../core/workspace/sizes';
import { openForCommand } from '../open-projects';
import { reportProblems } from '../report/problems';
import type { CliIo } from '../io';

export type OverlapFormat = 'table' | 'json' | 'markdown';

export interface OverlapRow {
  a: string;
  b: string;
  /** Members of a, of b, and of both, in the sample. */
  aMembers: number;
  bMembers: number;
  both: number;
  /** both ÷ aMembers, both ÷ bMembers (0 for an empty segment). */
  shareOfA: number;
  shareOfB: number;
  /** both ÷ members of either: 1 for the same people, 0 for none in common. */
  jaccard: number;
}

export function runOverlap(ids: string[], options: { format: OverlapFormat; cache?: boolean }, io: CliIo): number {
  const [project] = openForCommand([], io.cwd, { cache: options.cache });
  const snapshot = project.snapshot;
  const sample = snapshot.sample();
  if (sample.kind === 'missing' && sample.problem === 'none') {
    throw new UsageError('no sample to count overlaps on; set "sample" in segments.config.json');
  }
  const problems = reportProblems([project], io, 'overlap');
  const named = ids.map((id) => {
    const entry = snapshot.segment(id);
    if (!entry) throw new UsageError(`no segment \`${id}\` in the project of ${io.cwd}`);
    return entry;
  });
  const countable = (e: SegmentEntry): boolean => snapshot.size(e.decl).kind === 'sized';
  let unsized = false;
  for (const e of named) {
    const size = snapshot.size(e.decl);
    if (size.kind !== 'sized') {
      io.err(`segments overlap: \`${e.id}\` cannot be counted: ${unsizedReason(size)}\n`);
      unsized = true;
    }
  }
  const all = snapshot.segments().filter((e) => e.id !== undefined && countable(e));
  const pairs: [SegmentEntry, SegmentEntry][] = [];
  if (named.length === 0) {
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) pairs.push([all[i], all[j]]);
  } else if (named.length > 1) {
    const ok = named.filter(countable);
    for (let i = 0; i < ok.length; i++) for (let j = i + 1; j < ok.length; j++) pairs.push([ok[i], ok[j]]);
  }
  const row = (a: string, b: string, o: Overlap): OverlapRow => ({ a, b, aMembers: o.a, bMembers: o.b, both: o.both, shareOfA: o.shareOfA, shareOfB: o.shareOfB, jaccard: o.jaccard });
  let rows: OverlapRow[];
  if (named.length === 1) {
    // The insight panel's list, in its order.
    rows = countable(named[0]) ? snapshot.overlaps(named[0].decl).map((o) => row(named[0].id!, o.segment, o)) : [];
  } else {
    rows = pairs.flatMap(([a, b]) => {
      const o = snapshot.overlap(a.decl, b.decl);
      return o ? [row(a.id!, b.id!, o)] : [];
    });
    if (named.length === 0) rows = rows.filter((r) => r.both > 0).sort((x, y) => byOverlap({ both: x.both, jaccard: x.jaccard, segment: `${x.a} ${x.b}` }, { both: y.both, jaccard: y.jaccard, segment: `${y.a} ${y.b}` }));
  }
  if (options.format === 'json') io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else if (options.format === 'markdown') io.out(markdownTable(rows));
  else io.out(textTable(rows));
  return problems.errors.length > 0 || unsized ? 1 : 0;
}

const HEADER = ['a', 'b', 'both', 'share of a', 'share of b', 'jaccard'];

function cells(r: OverlapRow): string[] {
  return [r.a, r.b, formatCount(r.both), formatShare(r.both, r.aMembers), formatShare(r.both, r.bMembers), r.jaccard.toFixed(3)];
}

function textTable(rows: OverlapRow[]): string {
  if (rows.length === 0) return 'no overlapping segments\n';
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]].length)));
  const line = (cols: string[]): string => cols.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(HEADER), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

function markdownTable(rows: OverlapRow[]): string {
  const header = ['Segment A', 'Segment B', 'Both', 'Share of A', 'Share of B', 'Jaccard'];
  const body = rows.map((r) => {
    const c = cells(r);
    return [`\`${c[0]}\``, `\`${c[1]}\``, ...c.slice(2)];
  });
  return ['### Audience overlap', '', ...[header, ['---', '---', '---:', '---:', '---:', '---:'], ...body].map((r) => `| ${r.join(' | ')} |`), ''].join('\n');
}
