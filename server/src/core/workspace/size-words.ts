// The words and numbers of a size, one format for every place that shows one:
// the CodeLens, inlay hints and hovers of the editor, the insight panel and
// the CLI's tables. Sample counts are exact with thousands separators
// (`1,204 of 5,000 (24.1%)`); estimates in the real population are shortened
// on one scale for the number and its range (`≈ 578k (561k–595k)`).
import type { SizeEstimate } from '../evaluate/estimate';
import { formatCount, formatEstimate, formatCompact, formatShare, plural } from '../text/numbers';
import type { LeftOutPart } from './partial-size';
import { unsizedReason, type SegmentSize } from './sizes';

/** Longest reason a headline quotes for a sample that could not be read (the diagnostic has it whole). */
const PREVIEW_REASON_MAX = 120;

function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** 1-based line of an offset in the segment's file. */
export type LineOf = (offset: number) => number;

/** `1,204 of 5,000 (24.1%)` */
export function countWords(count: number, total: number): string {
  return `${formatCount(count)} of ${formatCount(total)} (${formatShare(count, total)})`;
}

/** `≈ 578k (561k–595k)`: the estimate and its 95% range, on one scale. */
export function estimateWords(e: SizeEstimate): string {
  return formatEstimate(e.estimate, e.low, e.high);
}

/** `≈ 37.4k people (30k–46.6k, 95% range) of 2.4M`: the estimate as the panel and hovers say it. */
export function estimateSentence(e: SizeEstimate, population: number): string {
  const [estimate, range] = formatEstimate(e.estimate, e.low, e.high).split(' (');
  return `${estimate} ${e.estimate === 1 ? 'person' : 'people'} (${range.slice(0, -1)}, 95% range) of ${formatCompact(population)}`;
}

/** `without line 14 (incomplete)`, `without lines 14 and 17 (with errors)`, `without the exclude (line 18, incomplete)`. */
export function withoutWords(leftOut: readonly LeftOutPart[], lineOf: LineOf): string {
  const lines = leftOut.map((p) => lineOf(p.span.start));
  const why = leftOut.every((p) => p.incomplete) ? 'incomplete' : leftOut.some((p) => p.incomplete) ? 'incomplete or with errors' : 'with errors';
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  const list = unique.length === 1 ? `line ${unique[0]}` : `lines ${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return `without ${list} (${why})`;
}

/**
 * The headline of a segment's size: `1,204 of 5,000 (24.1%) · ≈ 578k (561k–595k) of 2.4M`,
 * `0 of 5,000 · matches nobody`, `≤ 78 of 5,000 (1.6%) · without line 14 (incomplete)`,
 * or why there is none (`fix 2 errors to see its size`).
 */
export function sizeTitle(size: SegmentSize, lineOf: LineOf, population?: number): string {
  switch (size.kind) {
    case 'sized': {
      if (size.count === 0 && size.total > 0) return `0 of ${formatCount(size.total)} · matches nobody`;
      const estimate = size.estimate && population !== undefined ? ` · ${estimateWords(size.estimate)} of ${formatCompact(population)}` : '';
      return `${countWords(size.count, size.total)}${estimate}`;
    }
    case 'partial':
      return `≤ ${countWords(size.count, size.total)} · ${withoutWords(size.leftOut, lineOf)}`;
    case 'has-errors':
      return `fix ${plural(size.errorCount, 'error')} to see its size`;
    case 'waits-on':
      return `fix the errors in ${size.dependencies.map((id) => `\`${id}\``).join(', ')} to see its size`;
    case 'no-sample':
      if (size.reason) return `sample could not be read: ${shortened(size.reason, PREVIEW_REASON_MAX)}`;
      return size.problem === 'none' ? `${unsizedReason(size)} to see sizes` : unsizedReason(size);
  }
}

/** What the headline means, in a sentence or two (the CodeLens tooltip). */
export function sizeExplanation(size: SegmentSize, lineOf: LineOf, population?: number): string {
  switch (size.kind) {
    case 'sized': {
      const sample = `${plural(size.count, 'profile')} of the ${formatCount(size.total)} in the sample (${formatShare(size.count, size.total)}) match.`;
      const estimate = size.estimate && population !== undefined ? ` In the real audience that is ${estimateSentence(size.estimate, population)}.` : '';
      return `${sample}${estimate}`;
    }
    case 'partial':
      return `Counted ${withoutWords(size.leftOut, lineOf)}: at most ${plural(size.count, 'profile')} of ${formatCount(size.total)} match. ` +
        'Conditions left out can only narrow the audience, so the finished segment has this many members or fewer.';
    default:
      return sizeTitle(size, lineOf, population);
  }
}

/** An inlay hint after a funnel step: `→ 719 · 14.4%`. */
export function stepLabel(remaining: number, total: number): string {
  return `→ ${formatCount(remaining)} · ${formatShare(remaining, total)}`;
}
