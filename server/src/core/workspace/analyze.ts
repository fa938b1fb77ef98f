// Parses and checks the segment files of one project: the single entry point
// the CLI and the language server share, so both report exactly the same.
import { compareDiagnostics, type Diagnostic } from '../base/diagnostics';
import { checkProject, type BlockChecks } from '../check/check-project';
import type { SegmentDecl, SegmentFile } from '../syntax/ast';
import { parseSegments } from '../syntax/parser';
import { BlockCache } from '../syntax/block-cache';
import type { ProjectData } from './project-data';
import type { SourceText } from '../project/open-projects';

export interface ParsedSource extends SourceText {
  ast: SegmentFile;
  syntaxDiagnostics: Diagnostic[];
}

export interface Analysis {
  files: ParsedSource[];
  /** Syntax and semantic diagnostics of the segment files, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** Every segment of the project by id (the first one where an id is duplicated). */
  segmentsById: Map<string, SegmentDecl>;
}

export function parseSource(source: SourceText, cache?: BlockCache): ParsedSource {
  const { ast, diagnostics } = parseSegments(source.text, source.path, cache);
  return { ...source, ast, syntaxDiagnostics: diagnostics };
}

export interface ParseCaches {
  /** Last parse of each file: reused whole when the text is unchanged. */
  files?: Map<string, ParsedSource>;
  /** Per-file block caches: an edited file re-parses only the blocks that changed. */
  blocks?: Map<string, BlockCache>;
  /** Each unchanged block's own diagnostics, so an edit re-checks only the blocks it changed. */
  checks?: BlockChecks;
}

export function analyzeProject(sources: SourceText[], data: ProjectData | undefined, caches: ParseCaches = {}): Analysis {
  const files = sources.map((s) => {
    const cached = caches.files?.get(s.path);
    if (cached && cached.text === s.text) return cached;
    let blockCache = caches.blocks?.get(s.path);
    if (caches.blocks && !blockCache) caches.blocks.set(s.path, (blockCache = new BlockCache()));
    return parseSource(s, blockCache);
  });
  const semantic = checkProject({ files: files.map((f) => ({ path: f.path, ast: f.ast })), catalog: data?.catalog, blockChecks: caches.checks });
  const diagnostics = [...files.flatMap((f) => f.syntaxDiagnostics), ...semantic].sort(compareDiagnostics);
  return { files, diagnostics, segmentsById: segmentsById(files) };
}

export function segmentsById(files: ParsedSource[]): Map<string, SegmentDecl> {
  const byId = new Map<string, SegmentDecl>();
  for (const f of files) {
    for (const s of f.ast.segments) {
      if (s.id && !byId.has(s.id.text)) byId.set(s.id.text, s);
    }
  }
  return byId;
}

