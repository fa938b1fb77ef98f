// The words of the live preview, shared by CodeLens, inlay hints and hovers.
import { formatCompact, formatCount, formatShare, plural } from '../core/text/numbers';
import { unsizedReason, type SegmentSize } from '../core/workspace/sizes';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { basename } from 'node:path';

/** Longest reason a preview quotes for a sample that could not be read (the diagnostic has it whole). */
const PREVIEW_REASON_MAX = 120;

/**
 * `1,204 of 5,000 (24.1%)`, or why there is no number: for a sample that could
 * not be read, `sample could not be read: …` with the first error about it.
 */
export function sizeTitle(size: SegmentSize, project?: ProjectSnapshot): string {
  if (size.kind === 'no-sample' && size.problem === 'unreadable' && project) {
    const reason = sampleProblem(project);
    if (reason) return `sample could not be read: ${reason.length > PREVIEW_REASON_MAX ? `${reason.slice(0, PREVIEW_REASON_MAX - 1)}…` : reason}`;
  }
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

/** The first error about the project's config, schema or data files. */
export function sampleProblem(project: ProjectSnapshot): string | undefined {
  const error = project.projectDiagnostics().find((d) => d.severity === 'error');
  // The file by its name: the whole path would leave no room for the reason in a lens.
  return error && error.message.split(error.file).join(basename(error.file));
}

/** `≈ 578k (561k–595k)` in the real population, when the config gives one. */
export function estimateTitle(size: SegmentSize): string | undefined {
  if (size.kind !== 'sized' || !size.estimate) return undefined;
  const { estimate, low, high } = size.estimate;
  return `≈ ${formatCompact(estimate)} (${formatCompact(low)}–${formatCompact(high)})`;
}
