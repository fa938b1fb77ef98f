// Segment ids across the files of a project: where each is declared and referred to.
import type { Name } from '../core/syntax/ast';
import { segmentRefs } from './ast-lookup';
import type { ProjectSnapshot } from '../core/workspace/snapshot';

export interface NameSite {
  path: string;
  name: Name;
}

export function declarationsOf(project: ProjectSnapshot, id: string): NameSite[] {
  const out: NameSite[] = [];
  for (const f of project.analysis().files) {
    for (const s of f.ast.segments) if (s.id && s.id.text === id) out.push({ path: f.path, name: s.id });
  }
  return out;
}

export function referencesOf(project: ProjectSnapshot, id: string): NameSite[] {
  const out: NameSite[] = [];
  for (const f of project.analysis().files) {
    for (const r of segmentRefs(f.ast)) if (r.name.text === id) out.push({ path: f.path, name: r.name });
  }
  return out;
}
