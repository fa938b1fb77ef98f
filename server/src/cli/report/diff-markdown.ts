// `segments diff --format markdown`: a pull-request comment a reviewer reads
// in ten seconds. It opens with one table of what moved (segment · change ·
// size before → after · Δ · Δ%), changed definitions first, each group sorted
// by how far its size moved; then the definition diffs of the segments whose
// definition changed; segments that only moved to another file collapse into
// one <details> block. `--format json` keeps every detail.
import type { ConditionChange, MetadataChange } from '../../core/diff/compare-definitions';
import { formatCount, plural } from '../../core/text/numbers';
import { formatRelative, type DiffReport, type DiffSegment } from './diff-report';

const STATUS_WORDS: Record<DiffSegment['status'], string> = {
  changed: 'changed',
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  affected: 'size changed',
  unreadable: 'unreadable',
};

export function renderDiffMarkdown(report: DiffReport): string {
  const out: string[] = [`**${escapeMarkdown(report.summary.text)}**`, '', contextLine(report)];

  const problems = report.problems;
  if (problems.length > 0) {
    out.push('', `> [!WARNING]`, `> Errors: the comparison covers what parses; errors in the head also fail the run.`);
    for (const p of problems) out.push(`> - ${p.side}: \`${p.file}:${p.line}:${p.column}\` ${escapeMarkdown(p.message)}`);
  }

  const sized = report.projects.some((p) => p.sample !== null);
  const rows = tableRows(report.segments);
  if (rows.length > 0) out.push('', ...sizeTable(rows, sized));

  const defined = report.segments.filter((s) => s.status !== 'moved' && s.status !== 'affected');
  for (const s of orderForTable(defined)) out.push('', ...segmentSection(s));

  const moved = report.segments.filter((s) => s.status === 'moved');
  if (moved.length > 0) out.push('', ...movedBlock(moved));

  if (report.failOnChange) {
    const f = report.failOnChange;
    out.push('', f.failed ? `**Size check failed:** ${escapeMarkdown(f.text)}` : `Size check passed: ${escapeMarkdown(f.text)}`);
  }
  return `${out.join('\n')}\n`;
}

function contextLine(report: DiffReport): string {
  const head = report.head.ref === null ? 'the working tree' : `\`${report.head.ref}\` (${report.head.commit!.slice(0, 7)})`;
  const compared = `Compared \`${report.base.ref}\` (${report.base.commit.slice(0, 7)}) with ${head}`;
  const samples = report.projects.filter((p) => p.sample !== null);
  if (samples.length === 0) return `${compared}; no sample configured, so sizes are not counted.`;
  const s = samples.map((p) => `${formatCount(p.sample!.profiles)} profiles as of ${p.sample!.asOf}${report.projects.length > 1 ? ` (\`${p.root}\`)` : ''}`);
  return `${compared}; both sides sized on the head's sample of ${s.join(', ')}; ${plural(report.summary.unchanged, 'segment')} unchanged.`;
}

/** Segments in the table: all but those that only moved to another file (they have their own block). */
function tableRows(segments: DiffSegment[]): DiffSegment[] {
  return orderForTable(segments.filter((s) => s.status !== 'moved'));
}

/** Changed definitions first, then sizes that moved through references; within each, the largest relative move first. */
function orderForTable(segments: DiffSegment[]): DiffSegment[] {
  const group = (s: DiffSegment) => (s.status === 'affected' ? 1 : 0);
  return [...segments].sort((a, b) => group(a) - group(b) || moveOf(b) - moveOf(a) || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
}

/** |Δ%| for sorting: growth from none is the largest move, an unknown size the smallest. */
function moveOf(s: DiffSegment): number {
  const { before, after, change } = s.size;
  if (before === null || after === null || change === null) return -1;
  if (before === 0) return change === 0 ? 0 : Number.POSITIVE_INFINITY;
  return Math.abs(change / before);
}

function sizeTable(rows: DiffSegment[], sized: boolean): string[] {
  const header = sized ? ['Segment', 'Change', 'Size', 'Δ', 'Δ%'] : ['Segment', 'Change'];
  const align = sized ? ['---', '---', '---:', '---:', '---:'] : ['---', '---'];
  const body = rows.map((s) => {
    const name = `[\`${s.segment}\`](#${anchorOf(s)})`;
    const cells = [s.status === 'affected' ? `\`${s.segment}\`` : name, STATUS_WORDS[s.status]];
    return sized ? [...cells, ...sizeCells(s)] : cells;
  });
  return [header, align, ...body].map((r) => `| ${r.join(' | ')} |`);
}

function sizeCells(s: DiffSegment): string[] {
  const { before, after, change } = s.size;
  const side = (n: number | null, which: 'base' | 'head') =>
    n !== null ? formatCount(n) : (s.status === 'added' && which === 'base') || (s.status === 'removed' && which === 'head') ? '—' : unknown(s, which);
  const size = `${side(before, 'base')} → ${side(after, 'head')}`;
  if (before === null || after === null || change === null) return [size, '', ''];
  const delta = change === 0 ? '0' : `${change < 0 ? '−' : '+'}${formatCount(Math.abs(change))}`;
  const relative = change === 0 ? '0%' : before === 0 ? 'from none' : formatRelative(change / before);
  return [size, delta, relative];
}

/** The id GitHub gives the heading of a segment's section. */
function anchorOf(s: DiffSegment): string {
  return `${s.segment}--${STATUS_WORDS[s.status]}`.toLowerCase().replace(/[^a-z0-9_\- ]/g, '').replace(/ /g, '-');
}

function segmentSection(s: DiffSegment): string[] {
  const lines = [`#### \`${s.segment}\` · ${STATUS_WORDS[s.status]}`, ''];
  lines.push(s.movedFrom ? `\`${s.file}\`, moved from \`${s.movedFrom}\`` : `\`${s.file}\``);
  const note = statusNote(s);
  if (note) lines.push('', note);
  const diff = diffLines(s);
  if (diff.length > 0) {
    const fence = fenceFor(diff);
    lines.push('', `${fence}diff`, ...diff, fence);
  }
  return lines;
}

/** Segments that moved to another file with the same definition: one collapsed block, one line each. */
function movedBlock(moved: DiffSegment[]): string[] {
  const summary = `${plural(moved.length, 'segment')} moved to another file, definition${moved.length === 1 ? '' : 's'} unchanged`;
  return [
    `<details><summary>${summary}</summary>`,
    '',
    ...[...moved].sort((a, b) => (a.segment < b.segment ? -1 : 1)).map((s) => `- \`${s.segment}\`: \`${s.movedFrom ?? '?'}\` → \`${s.file}\``),
    '',
    '</details>',
  ];
}

function statusNote(s: DiffSegment): string | undefined {
  const unreadable = s.unreadableIn?.length ? `It has syntax errors in ${sideWords(s.unreadableIn)}` : undefined;
  switch (s.status) {
    case 'unreadable':
      return `Unreadable in ${sideWords(s.unreadableIn ?? [])}: it has syntax errors there, so its definition cannot be compared.`;
    case 'added':
    case 'removed':
      return unreadable ? `${unreadable}; only what parses is shown.` : undefined;
    default:
      return undefined;
  }
}

function sideWords(sides: readonly string[]): string {
  return sides.length === 2 ? 'base and head' : sides[0] ?? '';
}

function diffLines(s: DiffSegment): string[] {
  const sign = s.status === 'added' ? '+' : s.status === 'removed' ? '-' : ' ';
  const lines: string[] = [];
  for (const m of s.changes.metadata) lines.push(...metadataLines(m));
  for (const kind of ['include', 'exclude'] as const) {
    const changes = s.changes[kind];
    if (changes.length === 0) continue;
    lines.push(`${sign} ${kind}`);
    for (const c of changes) lines.push(...conditionLines(c));
  }
  return lines;
}

function metadataLines(m: MetadataChange): string[] {
  const show = (v: string) => (m.property === 'tags' ? `tags ${v}` : `${m.property} ${JSON.stringify(v)}`);
  const lines: string[] = [];
  if (m.before !== null) lines.push(`- ${show(m.before)}`);
  if (m.after !== null) lines.push(`+ ${show(m.after)}`);
  return lines;
}

function conditionLines(c: ConditionChange): string[] {
  switch (c.change) {
    case 'added':
      return [`+   ${c.after}`];
    case 'removed':
      return [`-   ${c.before}`];
    case 'changed':
    case 'replaced':
      return [`-   ${c.before}`, `+   ${c.after}`];
  }
}

function unknown(s: DiffSegment, side: 'base' | 'head'): string {
  return s.unreadableIn?.includes(side) ? `unknown (unreadable in ${side})` : `unknown (errors in ${side})`;
}

/** A code fence longer than any run of backticks in the block. */
function fenceFor(lines: string[]): string {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * Markdown-significant characters in free text (messages, summaries) shown
 * literally; `code spans` are left alone, since a backslash shows there.
 */
function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*[\]<>|])/g, '\\$1')))
    .join('');
}
