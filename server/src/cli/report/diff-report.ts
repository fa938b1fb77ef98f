// The result of `segments diff` in the shape `--format json` prints (documented
// in docs/ci.md); the Markdown report is rendered from this same object.
import type { ConditionChange, MetadataChange } from '../../core/diff/compare-definitions';
import type { SegmentStatus, Side } from '../../core/diff/diff-project';
import { largestMove, sizeMovesOver, type SizeChange, type SizeMove } from '../../core/diff/size-change';

export interface DiffReport {
  base: { ref: string; commit: string };
  /** `ref` and `commit` are null when head is the working tree. */
  head: { ref: string | null; commit: string | null };
  summary: DiffSummary;
  projects: DiffProjectInfo[];
  segments: DiffSegment[];
  problems: DiffProblem[];
  failOnChange?: FailOnChange;
}

export interface FailOnChange {
  /** The percentage given to --fail-on-change. */
  threshold: number;
  failed: boolean;
  /** Segments whose size moved by more than the threshold, relative to base. */
  offenders: MoveJson[];
  /** The sentence naming them (or saying none moved that much). */
  text: string;
}

export interface DiffSummary {
  changed: number;
  added: number;
  removed: number;
  moved: number;
  affected: number;
  unreadable: number;
  unchanged: number;
  largestMove: MoveJson | null;
  /** The summary sentence the Markdown report starts with. */
  text: string;
}

export interface MoveJson {
  segment: string;
  /** Relative change in percent, one decimal; null for growth from 0 (an infinite change). */
  percent: number | null;
}

export interface DiffProjectInfo {
  /** The project's folder relative to the repository root ('.' for the root). */
  root: string;
  /** Profiles in the head's sample and the day windows count back from; null without a sample. */
  sample: { profiles: number; asOf: string } | null;
}

export interface DiffSegment {
  segment: string;
  status: SegmentStatus;
  file: string;
  movedFrom?: string;
  unreadableIn?: Side[];
  changes: { metadata: MetadataChange[]; include: ConditionChange[]; exclude: ConditionChange[] };
  size: { before: number | null; after: number | null; change: number | null; percent: number | null };
}

export interface DiffProblem {
  side: Side;
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

/** Percent with one decimal, or null when unknown or infinite. */
export function percentOf(relative: number | null): number | null {
  if (relative === null || !Number.isFinite(relative)) return null;
  return Math.round(relative * 1000) / 10;
}

export function sizeJson(size: SizeChange): DiffSegment['size'] {
  return { before: size.before, after: size.after, change: size.change, percent: percentOf(size.relative) };
}

function moveJson(m: SizeMove): MoveJson {
  return { segment: m.segment, percent: percentOf(m.relative) };
}

const ORDER: readonly SegmentStatus[] = ['changed', 'unreadable', 'moved', 'added', 'removed', 'affected'];

/** Segments in report order: by status (changes first), then by id. */
export function sortSegments<T extends { segment: string; status: SegmentStatus }>(segments: T[]): T[] {
  return [...segments].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
}

export function summarize(segments: { segment: string; status: SegmentStatus; size: SizeChange }[], unchanged: number): DiffSummary {
  const count = (s: SegmentStatus) => segments.filter((x) => x.status === s).length;
  const counts = {
    changed: count('changed'),
    added: count('added'),
    removed: count('removed'),
    moved: count('moved'),
    affected: count('affected'),
    unreadable: count('unreadable'),
  };
  const largest = largestMove(segments);
  const parts = (
    [
      [counts.changed, 'changed'],
      [counts.added, 'added'],
      [counts.removed, 'removed'],
      [counts.moved, 'moved to another file'],
      [counts.unreadable, 'unreadable'],
      [counts.affected, 'affected through `segment` references'],
    ] as const
  ).filter(([n]) => n > 0);
  let text = parts.length === 0
    ? 'No segment changed'
    : parts.map(([n, what], i) => (i === 0 ? `${n} segment${n === 1 ? '' : 's'} ${what}` : `${n} ${what}`)).join(', ');
  if (largest) text += `; largest move: ${largest.segment} ${formatRelative(largest.relative)}`;
  return { ...counts, unchanged, largestMove: largest ? moveJson(largest) : null, text };
}

export function failOnChange(segments: { segment: string; size: SizeChange }[], threshold: number): FailOnChange {
  const moves = sizeMovesOver(segments, threshold);
  const names = moves.map((m) => `${m.segment} ${Number.isFinite(m.relative) ? formatRelative(m.relative) : '+∞ (from 0)'}`);
  const text = moves.length === 0
    ? `No segment's size moved by more than ${threshold}%.`
    : `${moves.length} segment${moves.length === 1 ? '' : 's'} moved by more than ${threshold}%: ${names.join(', ')}`;
  return { threshold, failed: moves.length > 0, offenders: moves.map(moveJson), text };
}

/** `−18.6%`, `+4.2%`, `+0.04%`, `+∞` (growth from 0). */
export function formatRelative(relative: number): string {
  if (!Number.isFinite(relative)) return '+∞';
  const pct = relative * 100;
  const abs = Math.abs(pct);
  const digits = abs > 0 && abs < 1 ? 2 : 1;
  const sign = pct < 0 ? '−' : '+';
  return `${sign}${abs.toFixed(digits)}%`;
}
