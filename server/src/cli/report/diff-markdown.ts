// `segments diff --format markdown`: a report ready to post as a pull-request
// comment. The summary comes first, then one short section per segment with its
// condition changes as a ```diff block and its size before → after.
import type { ConditionChange, MetadataChange } from '../../core/diff/compare-definitions';
import { formatCount } from '../../core/text/numbers';
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
    out.push('', `> [!WARNING]`, `> Syntax errors: the comparison covers what parses.`);
    for (const p of problems) out.push(`> - ${p.side}: \`${p.file}:${p.line}:${p.column}\` ${escapeMarkdown(p.message)}`);
  }

  for (const s of report.segments) out.push('', ...segmentSection(s, report));

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
  return `${compared}; both sides sized on the head's sample of ${s.join(', ')}; ${report.summary.unchanged} segment${report.summary.unchanged === 1 ? '' : 's'} unchanged.`;
}

function segmentSection(s: DiffSegment, report: DiffReport): string[] {
  const lines = [`#### \`${s.segment}\` · ${STATUS_WORDS[s.status]}`, ''];
  lines.push(s.movedFrom ? `\`${s.file}\`, moved from \`${s.movedFrom}\`` : `\`${s.file}\``);
  const note = statusNote(s);
  if (note) lines.push('', note);
  const diff = diffLines(s);
  if (diff.length > 0) {
    const fence = fenceFor(diff);
    lines.push('', `${fence}diff`, ...diff, fence);
  }
  const size = sizeLine(s, report);
  if (size) lines.push('', size);
  return lines;
}

function statusNote(s: DiffSegment): string | undefined {
  const unreadable = s.unreadableIn?.length ? `It has syntax errors in ${sideWords(s.unreadableIn)}` : undefined;
  switch (s.status) {
    case 'unreadable':
      return `Unreadable in ${sideWords(s.unreadableIn ?? [])}: it has syntax errors there, so its definition cannot be compared.`;
    case 'moved':
      return 'The definition is unchanged.';
    case 'affected':
      return 'The definition is unchanged; its size moved because a segment it uses changed.';
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

function sizeLine(s: DiffSegment, report: DiffReport): string | undefined {
  if (report.projects.every((p) => p.sample === null)) return undefined;
  const { before, after, change } = s.size;
  if (s.status === 'added') return `**Size:** ${after === null ? unknown(s, 'head') : formatCount(after)} (new segment)`;
  if (s.status === 'removed') return `**Size in base:** ${before === null ? unknown(s, 'base') : formatCount(before)}`;
  if (before === null || after === null || change === null) {
    return `**Size:** ${before === null ? unknown(s, 'base') : formatCount(before)} → ${after === null ? unknown(s, 'head') : formatCount(after)}`;
  }
  if (change === 0) return `**Size:** ${formatCount(before)} → ${formatCount(after)} (no change)`;
  const delta = `${change < 0 ? '−' : '+'}${formatCount(Math.abs(change))}`;
  const relative = before === 0 ? 'from none' : formatRelative(change / before);
  return `**Size:** ${formatCount(before)} → ${formatCount(after)} (${delta}, ${relative})`;
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
