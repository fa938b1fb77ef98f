// One project at one moment: its config, its segment texts and its loaded
// data, and every answer about them. The CLI builds one from disk per
// command; the language server builds a new one after each change. Every CLI
// command and every LSP handler is a function of (snapshot, request), so both
// say the same thing about the same files.
//
// Invariants (ARCHITECTURE.md lists them with what enforces each):
// - A snapshot never changes: its inputs are fixed when it is built, and each
//   answer is computed at most once, on first request (memoized per snapshot).
// - Readiness, sizes, SQL and the merged diagnostics are decided only here
//   (and in the modules of this folder it calls).
// - Conditions are never enumerated here: sizes come from the evaluator and
//   SQL from the compiler, whatever forms the language has.
// - What does not change between snapshots is reused through SnapshotCache:
//   parsed files and blocks, and the evaluator with its per-condition cache.
import { basename } from 'node:path';
import type { Diagnostic } from '../base/diagnostics';
import { timed } from '../base/timings';
import { Evaluator } from '../evaluate/evaluator';
import { resolveAsOfDay } from '../evaluate/calendar';
import type { ProjectConfig } from '../project/config';
import { readSmallText } from '../project/files';
import type { SourceText } from '../project/open-projects';
import type { Catalog } from '../sample/catalog-types';
import type { SampleStore } from '../sample/store';
import { compileSegment, SqlCompileError, type Dialect } from '../sql/compile';
import { segmentDependencies, type Expr, type SegmentDecl } from '../syntax/ast';
import { countBits } from '../base/bitset';
import { BlockCache } from '../syntax/block-cache';
import { LineIndex } from '../text/line-index';
import type { BlockChecks } from '../check/check-project';
import { analyzeProject, type Analysis, type ParsedSource } from './analyze';
import { mergeDiagnostics } from './merge-diagnostics';
import type { ProjectData } from './project-data';
import { readinessOf, type Readiness } from './readiness';
import { matchesNobody, sizeSegment, isCounted, type SampleProblem, type SegmentSize } from './sizes';
import { partialPlan, type PartialPlan } from './partial-size';
import { funnelReport, type FunnelReport } from './funnel-report';
import { overlaps, segmentInsight, type InsightOptions, type InsightOverlap, type SegmentInsight } from './insight';
import { overlapOf, type Overlap } from '../insight/overlap';
import type { Bitset } from '../base/bitset';

/** Where the project's data stands: not asked for, being (re)loaded, or loaded (possibly with errors). */
export type DataStatus = 'none' | 'loading' | 'ready';

export interface SnapshotInput {
  config: ProjectConfig;
  /** Problems of segments.config.json itself. */
  configDiagnostics: readonly Diagnostic[];
  /** Every segment file of the project with its current text. */
  sources: readonly SourceText[];
  /** The loaded schema, sample and catalog; while a reload runs, the previous data. */
  data?: ProjectData;
  dataStatus: DataStatus;
  /** The profiles file the data was loaded from when it is not the config's (`segments size --sample FILE`). */
  sampleFile?: string;
  /** What the previous snapshot of this project left to reuse; the host keeps one per project. */
  cache?: SnapshotCache;
  /** The current time, for an asOf of "today" (tests fix it). */
  now?: number;
}

/**
 * What one snapshot leaves for the next of the same project, so rebuilding a
 * snapshot after a keystroke costs only what changed: files whose text is the
 * same are not parsed again, an edited file re-parses only its changed blocks,
 * and the evaluator (with its per-condition results) stays while the store does.
 */
export class SnapshotCache {
  readonly files = new Map<string, ParsedSource>();
  readonly blocks = new Map<string, BlockCache>();
  /** Each block's own semantic diagnostics, by its AST object (check-project.ts). */
  readonly checks: BlockChecks = new WeakMap();
  /** The segment ids each block refers to, by its AST object: walked once per parsed block, not once per snapshot. */
  private readonly dependencies = new WeakMap<SegmentDecl, string[]>();

  dependenciesOf(decl: SegmentDecl): string[] {
    let ids = this.dependencies.get(decl);
    if (!ids) this.dependencies.set(decl, (ids = segmentDependencies(decl)));
    return ids;
  }
  private evaluator: { store: SampleStore; evaluator: Evaluator } | undefined;
  /**
   * Counts of segments by their definition: an unchanged block keeps its AST
   * object (BlockCache), so a segment whose definition and every segment it
   * uses are the same objects, counted on the same store, asOf and population,
   * is not counted again in the next snapshot.
   */
  private readonly counts = new WeakMap<SegmentDecl, { uses: SegmentDecl[]; store: SampleStore; asOfDay: number; population?: number; size: SegmentSize }>();

  /** The count of `decl` from an earlier snapshot, when nothing it depends on changed. */
  countOf(decl: SegmentDecl, uses: SegmentDecl[], store: SampleStore, asOfDay: number, population: number | undefined): SegmentSize | undefined {
    const c = this.counts.get(decl);
    if (!c || c.store !== store || c.asOfDay !== asOfDay || c.population !== population || c.uses.length !== uses.length) return undefined;
    return c.uses.every((u, i) => u === uses[i]) ? c.size : undefined;
  }

  keepCount(decl: SegmentDecl, uses: SegmentDecl[], store: SampleStore, asOfDay: number, population: number | undefined, size: SegmentSize): void {
    this.counts.set(decl, { uses, store, asOfDay, population, size });
  }

  /** The evaluator of `store`, the same object while the store is the same. */
  evaluatorFor(store: SampleStore, asOfDay: number): Evaluator {
    if (this.evaluator?.store !== store) this.evaluator = { store, evaluator: new Evaluator(store, { asOfDay }) };
    else this.evaluator.evaluator.setAsOfDay(asOfDay);
    return this.evaluator.evaluator;
  }
}

/** Where the sample stands, as far as sizes are concerned. */
export type SampleState = { kind: 'ready'; store: SampleStore } | { kind: 'missing'; problem: SampleProblem };

export interface SegmentEntry {
  /** The id as written; undefined for a block whose id could not be read. */
  id?: string;
  file: string;
  decl: SegmentDecl;
}

export interface SqlRequest {
  dialect: Dialect;
  profilesTable?: string;
  eventsTable?: string;
}

export type SqlAnswer =
  | { kind: 'sql'; sql: string }
  | Exclude<Readiness, { kind: 'ready' }>
  /** The compiler refused the definition (`code` says why, `span` where). */
  | { kind: 'cannot-compile'; error: SqlCompileError };

export interface DiagnosticFilter {
  /** Segment files to report on; problems of other segment files are left out. Config, schema and data files always stay. */
  files?: ReadonlySet<string>;
}

export class ProjectSnapshot {
  readonly config: ProjectConfig;
  readonly data: ProjectData | undefined;
  readonly dataStatus: DataStatus;
  private readonly input: SnapshotInput;
  private readonly cache: SnapshotCache;
  private readonly texts: ReadonlyMap<string, string>;
  private readonly memo = new Map<string, unknown>();
  private readonly sizeMemo = new Map<SegmentDecl, SegmentSize>();
  private readonly memberMemo = new Map<SegmentDecl, Bitset>();
  private readonly partialMemo = new Map<SegmentDecl, PartialPlan | undefined>();
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(input: SnapshotInput) {
    this.input = input;
    this.config = input.config;
    this.data = input.data;
    this.dataStatus = input.dataStatus;
    this.cache = input.cache ?? new SnapshotCache();
    this.texts = new Map(input.sources.map((s) => [s.path, s.text]));
  }

  /** The same project and data with other segment texts (another git version of the files, for `segments diff`). */
  withSources(sources: readonly SourceText[]): ProjectSnapshot {
    return new ProjectSnapshot({ ...this.input, sources, cache: this.cache });
  }

  private once<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  // ------------------------------------------------------------ files

  /** Paths of the project's segment files, sorted. */
  filePaths(): string[] {
    return this.once('filePaths', () => [...this.texts.keys()].sort());
  }

  /** The text of a segment file as this snapshot has it. */
  textOf(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Line index of any file the snapshot reports on: segment files with their text, config and schema files read from disk. */
  lineIndex(path: string): LineIndex | undefined {
    if (!this.indexes.has(path)) {
      const text = this.texts.get(path) ?? readSmallText(path);
      this.indexes.set(path, text === undefined ? null : new LineIndex(text));
    }
    return this.indexes.get(path) ?? undefined;
  }

  // ------------------------------------------------------------ definitions

  /** Parse and check of every segment file (syntax and semantic diagnostics). */
  analysis(): Analysis {
    return this.once('analysis', () => {
      const analysis = timed('parse and check', () => analyzeProject([...this.input.sources], this.data, { files: this.cache.files, blocks: this.cache.blocks, checks: this.cache.checks }));
      this.cache.files.clear();
      for (const f of analysis.files) this.cache.files.set(f.path, f);
      for (const path of this.cache.blocks.keys()) if (!this.texts.has(path)) this.cache.blocks.delete(path);
      return analysis;
    });
  }

  parsed(path: string): ParsedSource | undefined {
    return this.analysis().files.find((f) => f.path === path);
  }

  /** Every segment block of the project in file order, with the file it is in. */
  segments(): SegmentEntry[] {
    return this.once('segments', () =>
      this.analysis().files.flatMap((f) => f.ast.segments.map((decl) => ({ id: decl.id?.text, file: f.path, decl }))),
    );
  }

  /** The segment an id names (the first, where an id is duplicated). */
  segment(id: string): SegmentEntry | undefined {
    const decl = this.analysis().segmentsById.get(id);
    return decl ? this.segments().find((s) => s.decl === decl) : undefined;
  }

  readiness(decl: SegmentDecl): Readiness {
    return readinessOf(this.analysis(), decl);
  }

  // ------------------------------------------------------------ data

  get catalog(): Catalog | undefined {
    return this.data?.catalog;
  }

  /** The day relative windows count back from: asOf, or today in UTC. */
  get asOfDay(): number {
    return this.once('asOfDay', () => resolveAsOfDay(this.config.asOf, this.input.now ?? Date.now()));
  }

  /** Whether sizes can be counted, and on what. */
  sample(): SampleState {
    const store = this.data?.store;
    if (!(this.input.sampleFile ?? this.config.sample)) {
      // The config loader drops a `sample` it cannot use (a missing file, a number); its error says why.
      const rejected = this.input.configDiagnostics.some((d) => d.severity === 'error' && d.message.startsWith('`sample`'));
      return { kind: 'missing', problem: rejected ? 'unreadable' : 'none' };
    }
    if (this.dataStatus === 'loading') return { kind: 'missing', problem: 'loading' };
    if (this.dataStatus === 'none' || !store) return { kind: 'missing', problem: 'unreadable' };
    return { kind: 'ready', store };
  }

  /** The evaluator over the loaded sample (shared with the snapshots before and after this one while the store is the same). */
  evaluator(): Evaluator | undefined {
    const sample = this.sample();
    return sample.kind === 'ready' ? this.once('evaluator', () => this.cache.evaluatorFor(sample.store, this.asOfDay)) : undefined;
  }

  // ------------------------------------------------------------ answers

  /**
   * The segment's size in the sample, or why it has none. Counted once per
   * snapshot, and not again in later snapshots while its definition, the
   * segments it uses and the data stay the same.
   */
  size(decl: SegmentDecl): SegmentSize {
    let size = this.sizeMemo.get(decl);
    if (!size) {
      const sample = this.sample();
      const readiness = this.readiness(decl);
      const counted = sample.kind === 'ready' && readiness.kind === 'ready';
      const uses = counted ? this.usedSegments(decl) : [];
      const population = this.config.population;
      size = counted ? this.cache.countOf(decl, uses, sample.store, this.asOfDay, population) : undefined;
      if (!size) {
        const segmentsById = this.analysis().segmentsById;
        const evaluator = sample.kind === 'ready' ? this.evaluator()! : sample.problem;
        const partial = this.partialPlan(decl);
        const unreadableReason = sample.kind === 'missing' && sample.problem === 'unreadable' ? this.sampleProblem() : undefined;
        size = timed('count', () => sizeSegment({ decl, readiness, segmentsById, evaluator, unreadableReason, population, partial }));
        if (counted) this.cache.keepCount(decl, uses, sample.store, this.asOfDay, population, size);
      }
      this.sizeMemo.set(decl, size);
    }
    return size;
  }

  /** The first error about the project's config, schema or data files: why the sample could not be read. */
  private sampleProblem(): string | undefined {
    return this.once('sampleProblem', () => {
      const error = this.projectDiagnostics().find((d) => d.severity === 'error');
      // The file by its name: the whole path would leave no room for the reason in a lens.
      return error && error.message.split(error.file).join(basename(error.file));
    });
  }

  /** For a segment with errors in some conditions: what to leave out so the rest can be counted (partial-size.ts). */
  private partialPlan(decl: SegmentDecl): PartialPlan | undefined {
    const readiness = this.readiness(decl);
    if (readiness.kind !== 'has-errors') return undefined;
    if (!this.partialMemo.has(decl)) this.partialMemo.set(decl, partialPlan(decl, readiness.errors));
    return this.partialMemo.get(decl);
  }

  private fileOf(decl: SegmentDecl): string | undefined {
    return this.segments().find((s) => s.decl === decl)?.file;
  }

  /** 1-based line of an offset in a segment file. */
  lineOf(file: string, offset: number): number {
    return (this.lineIndex(file)?.positionAt(offset).line ?? 0) + 1;
  }

  /**
   * The members of a segment that has a count (whole, or without its broken
   * conditions), as a bitset over the sample's profile rows; undefined when
   * it has none. Do not modify the result.
   */
  members(decl: SegmentDecl): Bitset | undefined {
    const evaluator = this.evaluator();
    if (!evaluator || !isCounted(this.size(decl))) return undefined;
    let found = this.memberMemo.get(decl);
    if (!found) {
      found = evaluator.members(decl, this.analysis().segmentsById, { leaveOut: this.partialPlan(decl)?.leaveOut });
      this.memberMemo.set(decl, found);
    }
    return found;
  }

  /** Each funnel step of a counted segment with its line, text, share and drop (`segments size --funnel`, inlay hints, the insight panel). */
  funnel(decl: SegmentDecl): FunnelReport | undefined {
    const size = this.size(decl);
    const file = this.fileOf(decl);
    const text = file === undefined ? undefined : this.textOf(file);
    if (!isCounted(size) || file === undefined || text === undefined) return undefined;
    return funnelReport(size, text, (offset) => this.lineOf(file, offset));
  }

  /** How much two counted segments share; undefined when either has no count. */
  overlap(a: SegmentDecl, b: SegmentDecl): Overlap | undefined {
    const ma = this.members(a);
    const mb = this.members(b);
    return ma && mb ? overlapOf(ma, mb) : undefined;
  }

  /** The project's other counted segments with their overlap with `decl`, most shared first. */
  overlaps(decl: SegmentDecl): InsightOverlap[] {
    return overlaps(this, decl);
  }

  /** Everything the insight panel shows about one segment: size, funnel, members vs everyone, overlaps, first members. */
  insight(decl: SegmentDecl, options: InsightOptions): SegmentInsight {
    return segmentInsight(this, decl, options);
  }

  /**
   * How many profiles one condition of a segment holds for on its own (a
   * hover's count); undefined while the segment itself has no size (it may be
   * half typed).
   */
  conditionCount(decl: SegmentDecl, condition: Expr): { count: number; total: number } | undefined {
    const size = this.size(decl);
    const evaluator = this.evaluator();
    if (!isCounted(size) || !evaluator) return undefined;
    return { count: countBits(evaluator.conditionMembers(condition, this.analysis().segmentsById)), total: size.total };
  }

  /** Every segment `decl` uses, directly or through others, in a fixed order. */
  private usedSegments(decl: SegmentDecl): SegmentDecl[] {
    const byId = this.analysis().segmentsById;
    const seen = new Set<SegmentDecl>([decl]);
    const order: SegmentDecl[] = [];
    const pending = [decl];
    while (pending.length > 0) {
      for (const id of this.cache.dependenciesOf(pending.pop()!)) {
        const used = byId.get(id);
        if (!used || seen.has(used)) continue;
        seen.add(used);
        order.push(used);
        pending.push(used);
      }
    }
    return order;
  }

  /** The segment's query in a dialect, or why there is none. */
  sql(decl: SegmentDecl, request: SqlRequest): SqlAnswer {
    const readiness = this.readiness(decl);
    if (readiness.kind !== 'ready') return readiness;
    try {
      const sql = compileSegment(decl, this.analysis().segmentsById, {
        dialect: request.dialect,
        profilesTable: request.profilesTable,
        eventsTable: request.eventsTable,
        idColumn: this.config.idColumn,
        asOf: this.config.asOf,
        catalog: this.catalog,
      });
      return { kind: 'sql', sql };
    } catch (e) {
      if (e instanceof SqlCompileError) return { kind: 'cannot-compile', error: e };
      throw e;
    }
  }

  /** Problems of the config, schema and data files (not of segment files). */
  projectDiagnostics(): Diagnostic[] {
    return this.once('projectDiagnostics', () => mergeDiagnostics([...this.input.configDiagnostics], this.data?.diagnostics ?? []));
  }

  /** "Matches nobody" warnings: only once the sample is loaded, for segments that can be sized. */
  private sizeDiagnostics(): Diagnostic[] {
    return this.once('sizeDiagnostics', () => {
      if (this.sample().kind !== 'ready') return [];
      return this.segments().flatMap((s) => matchesNobody(s.file, s.decl, this.size(s.decl)) ?? []);
    });
  }

  /** Every diagnostic of the project, each once, sorted: config, schema, sample, segment files, sizes. */
  diagnostics(filter: DiagnosticFilter = {}): Diagnostic[] {
    const all = this.once('diagnostics', () => mergeDiagnostics(this.projectDiagnostics(), this.analysis().diagnostics, this.sizeDiagnostics()));
    const files = filter.files;
    if (!files) return all;
    return all.filter((d) => files.has(d.file) || !this.texts.has(d.file));
  }

  /** The errors of the project (every file); `size`, `sql` and `diff` exit 1 when there is one. */
  errors(): Diagnostic[] {
    return this.diagnostics().filter((d) => d.severity === 'error');
  }
}
