// `segments/insight`: the insight panel's data for the segment at a position
// (or named by id), from the project's snapshot (core/workspace/insight.ts).
// This module only finds the segment and turns paths into URIs.
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import type { SegmentDecl } from '../core/syntax/ast';
import { segmentAt } from './ast-lookup';
import type { InsightData, InsightResult } from './protocol';

export const DEFAULT_MEMBER_LIMIT = 20;
const MAX_MEMBER_LIMIT = 1000;

export interface InsightQuery {
  /** Offset in `path`, when the request gave a position. */
  offset?: number;
  segment?: string;
  attribute?: string;
  memberLimit?: number;
}

export function segmentInsight(project: ProjectSnapshot, path: string, query: InsightQuery, uriFor: (path: string) => string): InsightResult {
  const decl = findSegment(project, path, query);
  if (!decl) {
    return { error: query.segment ? `There is no segment \`${query.segment}\` in this project.` : 'Put the cursor inside a segment block to see its audience.' };
  }
  const limit = Number.isInteger(query.memberLimit) && query.memberLimit! >= 0 ? Math.min(query.memberLimit!, MAX_MEMBER_LIMIT) : DEFAULT_MEMBER_LIMIT;
  const { file, overlaps, funnel, ...rest } = project.insight(decl, { attribute: query.attribute, memberLimit: limit });
  const insight: InsightData = {
    ...rest,
    uri: uriFor(file),
    overlaps: overlaps.map(({ file: f, ...o }) => ({ ...o, uri: uriFor(f) })),
  };
  if (funnel) insight.funnel = { ...funnel, rows: funnel.rows.map(({ span: _span, ...row }) => row) };
  return { insight };
}

function findSegment(project: ProjectSnapshot, path: string, query: InsightQuery): SegmentDecl | undefined {
  if (query.segment) {
    const inFile = project.parsed(path)?.ast.segments.find((s) => s.id?.text === query.segment);
    return inFile ?? project.segment(query.segment)?.decl;
  }
  const file = project.parsed(path);
  return file && query.offset !== undefined ? segmentAt(file.ast, query.offset) : undefined;
}
