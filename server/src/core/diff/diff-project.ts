// What changed between two versions of a project's segment files: segments
// matched by id across files (a segment that moved to another file is moved,
// not removed and added), their definitions compared by structure, and both
// versions sized on the same sample so the numbers differ only because the
// definitions do.
import type { Diagnostic } from '../base/diagnostics';
import type { SegmentDecl } from '../syntax/ast';
import type { ProjectSnapshot } from '../workspace/snapshot';
import { compareDefinitions, describeAsAdded, describeAsRemoved, hasDefinitionChanges, type DefinitionChanges } from './compare-definitions';
import { relativeChange, type SizeChange } from './size-change';

export type Side = 'base' | 'head';

export type SegmentStatus = 'changed' | 'added' | 'removed' | 'moved' | 'affected' | 'unreadable';

export interface SegmentDiff {
  segment: string;
  status: SegmentStatus;
  /** The file in head (in base for a removed segment); absolute. */
  file: string;
  /** The file in base, when the segment now lives in another file. */
  movedFrom?: string;
  /** The sides on which the segment has syntax errors (its definition cannot be compared). */
  unreadableIn?: Side[];
  changes: DefinitionChanges;
  size: SizeChange;
}

export interface SideProblem {
  side: Side;
  diagnostic: Diagnostic;
}

export interface DiffInput {
  /**
   * The two versions, as snapshots of the same project built on the same data
   * (the head's), so sizes differ only because the definitions do. Without a
   * sample, sizes are null.
   */
  base: ProjectSnapshot;
  head: ProjectSnapshot;
  /** Report only segments in these files (on either side); all when undefined. */
  selected?: (file: string) => boolean;
}

export interface ProjectDiff {
  segments: SegmentDiff[];
  /** Segments whose definition, file and size are all the same on both sides. */
  unchanged: number;
  /** Syntax errors on either side: the diff covers what parses. */
  problems: SideProblem[];
}

interface Version {
  decl: SegmentDecl;
  file: string;
  /** The block as written, to tell an untouched unreadable block from an edited one. */
  text: string;
  count: number | null;
}

export function diffProject(input: DiffInput): ProjectDiff {
  const base = versions(input.base);
  const head = versions(input.head);
  const selected = input.selected ?? (() => true);

  const segments: SegmentDiff[] = [];
  let unchanged = 0;
  const ids = [...new Set([...head.byId.keys(), ...base.byId.keys()])];
  for (const id of ids) {
    const b = base.byId.get(id);
    const h = head.byId.get(id);
    if (!(b && selected(b.file)) && !(h && selected(h.file))) continue;
    const diff = diffSegment(id, b, h);
    if (diff) segments.push(diff);
    else unchanged++;
  }
  const problems: SideProblem[] = [
    ...base.syntax.map((diagnostic) => ({ side: 'base' as const, diagnostic })),
    ...head.syntax.map((diagnostic) => ({ side: 'head' as const, diagnostic })),
  ].filter((p) => selected(p.diagnostic.file));
  return { segments, unchanged, problems };
}

function versions(snapshot: ProjectSnapshot): { byId: Map<string, Version>; syntax: Diagnostic[] } {
  const byId = new Map<string, Version>();
  for (const { id, file, decl } of snapshot.segments()) {
    // A duplicated id is an error `check` reports; the first definition counts, as everywhere else.
    if (!id || byId.has(id)) continue;
    const size = snapshot.size(decl);
    const text = snapshot.textOf(file)!.slice(decl.span.start, decl.span.end);
    byId.set(id, { decl, file, text, count: size.kind === 'sized' ? size.count : null });
  }
  return { byId, syntax: snapshot.analysis().files.flatMap((f) => f.syntaxDiagnostics) };
}

function diffSegment(id: string, b: Version | undefined, h: Version | undefined): SegmentDiff | undefined {
  const size: SizeChange = sizeChange(b?.count ?? null, h?.count ?? null);
  const unreadableIn: Side[] = [];
  if (b?.decl.hasSyntaxError) unreadableIn.push('base');
  if (h?.decl.hasSyntaxError) unreadableIn.push('head');
  const unreadable = unreadableIn.length > 0 ? { unreadableIn } : {};
  if (!b) return { segment: id, status: 'added', file: h!.file, ...unreadable, changes: describeAsAdded(h!.decl), size };
  if (!h) return { segment: id, status: 'removed', file: b.file, ...unreadable, changes: describeAsRemoved(b.decl), size };

  const movedFrom = b.file !== h.file ? { movedFrom: b.file } : {};
  if (unreadableIn.length === 2 && b.text === h.text) {
    return b.file === h.file ? undefined : { segment: id, status: 'moved', file: h.file, ...movedFrom, unreadableIn, changes: noChanges(), size };
  }
  if (unreadableIn.length > 0) {
    return { segment: id, status: 'unreadable', file: h.file, ...movedFrom, unreadableIn, changes: noChanges(), size };
  }
  const changes = compareDefinitions(b.decl, h.decl);
  if (hasDefinitionChanges(changes)) return { segment: id, status: 'changed', file: h.file, ...movedFrom, changes, size };
  if (b.file !== h.file) return { segment: id, status: 'moved', file: h.file, ...movedFrom, changes, size };
  // Same definition, other size: a segment it refers to changed. (An unknown size on one
  // side comes from errors elsewhere, which are reported where they are.)
  if (size.change !== null && size.change !== 0) return { segment: id, status: 'affected', file: h.file, changes, size };
  return undefined;
}

function sizeChange(before: number | null, after: number | null): SizeChange {
  if (before === null || after === null) return { before, after, change: null, relative: null };
  return { before, after, change: after - before, relative: relativeChange(before, after) };
}

function noChanges(): DefinitionChanges {
  return { metadata: [], include: [], exclude: [] };
}
