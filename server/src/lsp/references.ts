// Find references: every `segment ID` naming the segment, across the project's
// files, plus its declaration when the client asks for it.
import type { Location } from 'vscode-languageserver/node';
import { nodeAt } from './ast-lookup';
import { toLocations } from './definition';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { declarationsOf, referencesOf } from './segment-index';

export function references(project: ProjectSnapshot, path: string, offset: number, includeDeclaration: boolean, uriFor: (path: string) => string): Location[] {
  const file = project.parsed(path);
  if (!file) return [];
  const node = nodeAt(file.ast, offset);
  if (!node || (node.kind !== 'segmentRef' && node.kind !== 'segmentDecl')) return [];
  const id = node.name.text;
  const sites = [...(includeDeclaration ? declarationsOf(project, id) : []), ...referencesOf(project, id)];
  return toLocations(project, sites, uriFor);
}
