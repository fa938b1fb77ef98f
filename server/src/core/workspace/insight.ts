// What the insight panel shows about one segment, computed from a snapshot:
// its size in words, the funnel, members next to everyone on the attributes
// where they differ most (or one the user picks), its overlap with the
// project's other segments and its first members (personal data masked).
// The panel only lays this out; the numbers are the CLI's.
import { bitsetToIndices, type Bitset } from '../base/bitset';
import type { ValueType } from '../base/value-type';
import { compareAttribute, distinctValues, MAX_PROPOSED_DISTINCT, type AttributeComparison } from '../insight/compare-attribute';
import { memberRows, type MemberTable } from '../insight/member-rows';
import type { Overlap } from '../insight/overlap';
import type { ProjectConfig } from '../project/config';
import type { Catalog } from '../sample/catalog-types';
import type { SampleStore } from '../sample/store';
import { conditionAttribute, walkExpr, type SegmentDecl } from '../syntax/ast';
import { formatShare } from '../text/numbers';
import type { FunnelReport } from './funnel-report';
import { isCounted, type SegmentSize } from './sizes';
import { estimateSentence, sizeExplanation, sizeTitle, withoutWords } from './size-words';
import type { SampleState, SegmentEntry } from './snapshot';

export interface InsightOptions {
  /** Compare members with everyone on this attribute; by default, on the few where they differ most. */
  attribute?: string;
  /** How many members to list. */
  memberLimit: number;
}

/** How many attributes the comparison shows when none is chosen. */
export const PROPOSED_ATTRIBUTES = 3;

export interface InsightOverlap extends Overlap {
  segment: string;
  title?: string;
  file: string;
  line: number;
}

export interface SegmentInsight {
  segment?: string;
  title?: string;
  file: string;
  line: number;
  /** The CodeLens headline (`1,204 of 5,000 (24.1%) · ≈ 578k (561k–595k) of 2.4M`, `≤ 78 … · without line 14 (incomplete)`, or why there is none). */
  headline: string;
  /** The headline in a sentence. */
  explanation: string;
  /** Present when the segment has a count. */
  size?: {
    count: number;
    total: number;
    share: string;
    /** `≈ 37.4k people (30k–46.6k, 95% range) of 2.4M`, with a population in the config. */
    estimate?: { estimate: number; low: number; high: number; population: number; sentence: string };
    /** Present when counted without broken conditions: `without line 14 (incomplete)`. */
    without?: string;
  };
  funnel?: FunnelReport;
  /** Attributes one may compare on (every profile column of the sample, with its type). */
  attributes: { name: string; type: ValueType; pii: boolean }[];
  comparisons: AttributeComparison[];
  /** The project's other counted segments, most shared members first. */
  overlaps: InsightOverlap[];
  members?: MemberTable;
}

/** What the insight needs of a snapshot (ProjectSnapshot has it all). */
export interface InsightSource {
  readonly config: ProjectConfig;
  readonly catalog: Catalog | undefined;
  sample(): SampleState;
  segments(): SegmentEntry[];
  size(decl: SegmentDecl): SegmentSize;
  members(decl: SegmentDecl): Bitset | undefined;
  funnel(decl: SegmentDecl): FunnelReport | undefined;
  overlap(a: SegmentDecl, b: SegmentDecl): Overlap | undefined;
  lineOf(file: string, offset: number): number;
}

export function segmentInsight(source: InsightSource, decl: SegmentDecl, options: InsightOptions): SegmentInsight {
  const entry = source.segments().find((s) => s.decl === decl);
  const file = entry?.file ?? '';
  const lineOf = (offset: number): number => source.lineOf(file, offset);
  const size = source.size(decl);
  const population = source.config.population;
  const insight: SegmentInsight = {
    segment: decl.id?.text,
    title: titleOf(decl),
    file,
    line: lineOf(decl.span.start),
    headline: sizeTitle(size, lineOf, population),
    explanation: sizeExplanation(size, lineOf, population),
    attributes: [],
    comparisons: [],
    overlaps: [],
  };
  const sample = source.sample();
  const members = source.members(decl);
  if (!isCounted(size) || !members || sample.kind !== 'ready') return insight;
  insight.size = { count: size.count, total: size.total, share: formatShare(size.count, size.total) };
  if (size.estimate && population !== undefined) {
    insight.size.estimate = { ...size.estimate, population, sentence: estimateSentence(size.estimate, population) };
  }
  if (size.kind === 'partial') insight.size.without = withoutWords(size.leftOut, lineOf);
  insight.funnel = source.funnel(decl);
  const store = sample.store;
  const isPii = (name: string): boolean => source.catalog?.attributes.get(name)?.pii === true;
  insight.attributes = [...store.profiles.columns.values()].map((c) => ({ name: c.name, type: c.type, pii: isPii(c.name) }));
  insight.comparisons = comparisons(store, members, decl, options.attribute, isPii);
  insight.overlaps = overlaps(source, decl);
  insight.members = memberRows(store, members, options.memberLimit, isPii);
  return insight;
}

function titleOf(decl: SegmentDecl): string | undefined {
  for (const p of decl.properties) if (p.kind === 'title' && p.value?.kind === 'string') return p.value.value;
  return undefined;
}

/**
 * The chosen attribute, or the few on which members differ most from
 * everyone. Proposed ones leave out personal data, near-unique text (ids,
 * emails) and the attributes the segment's own conditions test, which differ
 * by definition and say nothing new.
 */
function comparisons(store: SampleStore, members: Bitset, decl: SegmentDecl, chosen: string | undefined, isPii: (name: string) => boolean): AttributeComparison[] {
  const rows = bitsetToIndices(members);
  const total = store.profiles.count;
  if (chosen !== undefined) {
    const column = store.profiles.columns.get(chosen);
    return column ? [compareAttribute(column, rows, total)] : [];
  }
  const tested = testedAttributes(decl);
  return [...store.profiles.columns.values()]
    .filter((c) => !isPii(c.name) && !tested.has(c.name) && distinctValues(c) <= MAX_PROPOSED_DISTINCT)
    .map((c) => compareAttribute(c, rows, total))
    .sort((a, b) => b.difference - a.difference || (a.attribute < b.attribute ? -1 : 1))
    .slice(0, PROPOSED_ATTRIBUTES);
}

function testedAttributes(decl: SegmentDecl): Set<string> {
  const names = new Set<string>();
  for (const p of decl.properties) {
    if (p.kind !== 'include' && p.kind !== 'exclude') continue;
    walkExpr(p.expr, (e, insideWhere) => {
      const path = insideWhere ? undefined : conditionAttribute(e);
      if (path) names.add(path.text);
    });
  }
  return names;
}

/** The project's other counted segments with their overlap with `decl`, most shared first (the panel's list, `segments overlap ID`). */
export function overlaps(source: InsightSource, decl: SegmentDecl): InsightOverlap[] {
  const found: InsightOverlap[] = [];
  for (const other of source.segments()) {
    if (other.decl === decl || other.id === undefined || source.size(other.decl).kind !== 'sized') continue;
    const o = source.overlap(decl, other.decl);
    if (!o) continue;
    found.push({ ...o, segment: other.id, title: titleOf(other.decl), file: other.file, line: source.lineOf(other.file, other.decl.span.start) });
  }
  return found.sort(byOverlap);
}

type OverlapKey = Pick<Overlap, 'both' | 'jaccard'> & { segment: string };

/** Most shared members first, then the closest (Jaccard), then by id. */
export function byOverlap(x: OverlapKey, y: OverlapKey): number {
  return y.both - x.both || y.jaccard - x.jaccard || (x.segment < y.segment ? -1 : x.segment > y.segment ? 1 : 0);
}
