// Go to definition: from `segment ID` (or the id of a declaration) to every
// block that declares it, in any file of the project.
import type { Location } from 'vscode-languageserver/node';
import { nodeAt } from './ast-lookup';
import { spanToRange } from './convert';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { declarationsOf, type NameSite } from './segment-index';

export function definition(project: ProjectSnapshot, path: string, offset: number, uriFor: (path: string) => string): Location[] {
  const file = project.parsed(path);
  if (!file) return [];
  const node = nodeAt(file.ast, offset);
  if (!node || (node.kind !== 'segmentRef' && node.kind !== 'segmentDecl')) return [];
  return toLocations(project, declarationsOf(project, node.name.text), uriFor);
}

export function toLocations(project: ProjectSnapshot, sites: NameSite[], uriFor: (path: string) => string): Location[] {
  const out: Location[] = [];
  for (const site of sites) {
    const index = project.lineIndex(site.path);
    if (index) out.push({ uri: uriFor(site.path), range: spanToRange(index, site.name.span) });
  }
  return out;
}
