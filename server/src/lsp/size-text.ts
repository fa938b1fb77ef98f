// The words of the live preview, shared by CodeLens, inlay hints and hovers.
import { formatCompact, formatCount, formatShare, plural } from '../core/text/numbers';
import { unsizedReason, type SegmentSize } from '../core/workspace/sizes';

/** `1,204 of 5,000 (24.1%)`, or why there is no number. */
export function sizeTitle(size: SegmentSize): string {
  switch (size.kind) {
    case 'sized':
      return `${formatCount(size.count)} of ${formatCount(size.total)} (${formatShare(size.count, size.total)})`;
    case 'has-errors':
      return `fix ${plural(size.errorCount, 'error')} to see its size`;
    case 'waits-on':
      return `fix the errors in ${size.dependencies.map((id) => `\`${id}\``).join(', ')} to see its size`;
    case 'no-sample':
      return size.problem === 'none' ? `${unsizedReason(size)} to see sizes` : unsizedReason(size);
  }
}

/** `≈ 578k (561k–595k)` in the real population, when the config gives one. */
export function estimateTitle(size: SegmentSize): string | undefined {
  if (size.kind !== 'sized' || !size.estimate) return undefined;
  const { estimate, low, high } = size.estimate;
  return `≈ ${formatCompact(estimate)} (${formatCompact(low)}–${formatCompact(high)})`;
}
