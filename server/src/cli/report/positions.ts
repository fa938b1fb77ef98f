// Lines and columns for every file opened projects report on: segment texts as
// their snapshots have them, config and schema files read when a diagnostic
// points into them.
import { readSmallText } from '../../core/project/files';
import { SourcePositions } from '../../core/text/source-positions';
import type { OpenedProject } from '../../core/workspace/open-snapshots';

export function positionsOf(projects: OpenedProject[]): SourcePositions {
  const positions = new SourcePositions([], readSmallText);
  for (const { snapshot } of projects) {
    for (const path of snapshot.filePaths()) positions.add(path, snapshot.textOf(path)!);
  }
  return positions;
}
