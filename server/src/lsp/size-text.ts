// The words of the live preview, shared by CodeLens, inlay hints and hovers.
import { formatCompact, formatCount, formatShare, plural } from '../core/text/numbers';
import type { SegmentSize } from './sizes';

/** `1,204 of 5,000 (24.1%)`, or why there is no number. */
export function sizeTitle(size: SegmentSize): string {
  switch (size.kind) {
    case 'ok':
      return `${formatCount(size.count)} of ${formatCount(size.total)} (${formatShare(size.count, size.total)})`;
    case 'errors':
      return `fix ${plural(size.errorCount, 'error')} to see its size`;
    case 'brokenReference':
      return `fix the errors in ${size.ids.map((id) => `\`${id}\``).join(', ')} to see its size`;
    case 'loading':
      return 'loading sample…';
    case 'noSample':
      return 'no sample: set "sample" in segments.config.json to see sizes';
  }
}

/** `≈ 578k (561k–595k)` in the real population, when the config gives one. */
export function estimateTitle(size: SegmentSize): string | undefined {
  if (size.kind !== 'ok' || !size.estimate) return undefined;
  const { estimate, low, high } = size.estimate;
  return `≈ ${formatCompact(estimate)} (${formatCompact(low)}–${formatCompact(high)})`;
}
