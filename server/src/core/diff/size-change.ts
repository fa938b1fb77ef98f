// How much a segment's size moved between base and head, and the summary
// figures a report leads with.

export interface SizeChange {
  /** Members in the sample; null when unknown (no sample, errors, or the segment does not exist on that side). */
  before: number | null;
  after: number | null;
  /** after − before, when both are known. */
  change: number | null;
  /**
   * (after − before) / before, when both are known: −0.186 for −18.6%.
   * Infinity when a segment grows from 0 (any growth from nothing is an infinite change).
   */
  relative: number | null;
}

export function relativeChange(before: number, after: number): number {
  if (before === 0) return after === 0 ? 0 : Infinity;
  return (after - before) / before;
}

export interface SizeMove {
  segment: string;
  relative: number;
}

/** The segment whose size moved most (relative to base), ties broken by id; undefined when none moved. */
export function largestMove(items: readonly { segment: string; size: SizeChange }[]): SizeMove | undefined {
  let best: SizeMove | undefined;
  for (const item of items) {
    const r = item.size.relative;
    if (r === null || r === 0) continue;
    if (!best || Math.abs(r) > Math.abs(best.relative) || (Math.abs(r) === Math.abs(best.relative) && item.segment < best.segment)) {
      best = { segment: item.segment, relative: r };
    }
  }
  return best;
}

/** Segments whose size moved by more than `thresholdPercent` percent of their base size. */
export function sizeMovesOver(items: readonly { segment: string; size: SizeChange }[], thresholdPercent: number): SizeMove[] {
  return items
    .filter(({ size }) => {
      if (size.before === null || size.change === null) return false;
      // In integers, so a move of exactly the threshold (20 of 100 at 20%) is not over it.
      return Math.abs(size.change) * 100 > thresholdPercent * size.before;
    })
    .map((i) => ({ segment: i.segment, relative: i.size.relative! }));
}
