// One project as the server holds it: its config, its segment files (open
// documents override the disk), its data once loaded, and the analysis of the
// current texts, recomputed lazily after any change.
import { asOfDay } from '../core/workspace/sizes';
import type { Diagnostic } from '../core/base/diagnostics';
import { Evaluator } from '../core/evaluate/evaluator';
import type { ProjectConfig } from '../core/project/config';
import { existsAsFile, readSmallText, readTextOrUndefined } from '../core/project/files';
import { listSegmentFiles } from '../core/project/find-project';
import type { SegmentDecl } from '../core/syntax/ast';
import { LineIndex } from '../core/text/line-index';
import { BlockCache } from '../core/syntax/block-cache';
import { analyzeProject, type Analysis, type ParsedSource } from '../core/workspace/analyze';
import { type SourceText } from '../core/project/open-projects';
import type { ProjectData } from '../core/workspace/project-data';

export interface OpenTexts {
  /** The editor's text of an open document, by path. */
  textOf(path: string): string | undefined;
}

export type DataStatus = 'none' | 'loading' | 'ready';

export class ProjectState {
  config: ProjectConfig;
  configDiagnostics: Diagnostic[];
  data: ProjectData | undefined;
  dataStatus: DataStatus = 'none';
  /** Bumped on every (re)load request, so a slow older load never overwrites a newer one. */
  dataGeneration = 0;

  private diskFiles: string[] = [];
  /** Open documents of this project that the disk listing does not hold (new, unsaved). */
  private readonly extraFiles = new Set<string>();
  private readonly diskTexts = new Map<string, string | null>();
  private readonly parsedCache = new Map<string, ParsedSource>();
  private readonly blockCaches = new Map<string, BlockCache>();
  private readonly indexes = new Map<string, LineIndex>();
  private cachedAnalysis: Analysis | undefined;
  private evaluatorInstance: Evaluator | undefined;
  private evaluatorStore: unknown;

  constructor(
    /** The config file's path, or `file:<path>` for a file with no config above it. */
    readonly key: string,
    loaded: { config: ProjectConfig; diagnostics: Diagnostic[] },
    private readonly open: OpenTexts,
    /** For a loose file: that file. */
    private readonly looseFile?: string,
  ) {
    this.config = loaded.config;
    this.configDiagnostics = loaded.diagnostics;
    this.refreshFileList();
  }

  get isLoose(): boolean {
    return this.looseFile !== undefined;
  }

  /** True when the project declares a schema or a sample (data worth loading). */
  get hasData(): boolean {
    return this.config.configFile !== undefined;
  }

  setConfig(loaded: { config: ProjectConfig; diagnostics: Diagnostic[] }): void {
    this.config = loaded.config;
    this.configDiagnostics = loaded.diagnostics;
    this.evaluatorInstance = undefined;
    this.invalidate();
  }

  setData(data: ProjectData): void {
    this.data = data;
    this.dataStatus = 'ready';
    this.invalidate();
  }

  refreshFileList(): void {
    if (this.looseFile) {
      this.diskFiles = existsAsFile(this.looseFile) ? [this.looseFile] : [];
    } else {
      this.diskFiles = listSegmentFiles(this.config.root);
    }
    for (const f of this.diskFiles) this.extraFiles.delete(f);
    this.invalidate();
  }

  addOpenFile(path: string): void {
    if (!this.diskFiles.includes(path)) this.extraFiles.add(path);
    this.invalidate();
  }

  /** After an open document closes: it stays only when it exists on disk. */
  closeFile(path: string): void {
    this.extraFiles.delete(path);
    this.invalidate();
  }

  diskTextChanged(path: string): void {
    this.diskTexts.delete(path);
    this.indexes.delete(path);
    this.invalidate();
  }

  invalidate(): void {
    this.cachedAnalysis = undefined;
  }

  filePaths(): string[] {
    return [...new Set([...this.diskFiles, ...this.extraFiles])].sort();
  }

  owns(path: string): boolean {
    return this.diskFiles.includes(path) || this.extraFiles.has(path);
  }

  /** The current text of a segment file: the editor's when open, else the disk's. */
  textOf(path: string): string | undefined {
    const open = this.open.textOf(path);
    if (open !== undefined) return open;
    if (!this.diskTexts.has(path)) {
      this.diskTexts.set(path, readTextOrUndefined(path) ?? null);
    }
    return this.diskTexts.get(path) ?? undefined;
  }

  sources(): SourceText[] {
    const out: SourceText[] = [];
    for (const path of this.filePaths()) {
      const text = this.textOf(path);
      if (text !== undefined) out.push({ path, text });
    }
    return out;
  }

  /** Parse and check of every file with the current texts; cached until something changes. */
  analysis(): Analysis {
    if (!this.cachedAnalysis) {
      const analysis = analyzeProject(this.sources(), this.data, { files: this.parsedCache, blocks: this.blockCaches });
      this.parsedCache.clear();
      for (const f of analysis.files) this.parsedCache.set(f.path, f);
      this.cachedAnalysis = analysis;
    }
    return this.cachedAnalysis;
  }

  parsed(path: string): ParsedSource | undefined {
    return this.analysis().files.find((f) => f.path === path);
  }

  /** Line index of any file the project reports on (segment files with their current text, JSON files from disk). */
  lineIndex(path: string): LineIndex | undefined {
    const text = this.owns(path) ? this.textOf(path) : readSmallText(path);
    if (text === undefined) return undefined;
    const cached = this.indexes.get(path);
    if (cached && cached.text === text) return cached;
    const index = new LineIndex(text);
    this.indexes.set(path, index);
    return index;
  }

  /** Every segment declaration with the file it is in. */
  allSegments(): { path: string; decl: SegmentDecl }[] {
    return this.analysis().files.flatMap((f) => f.ast.segments.map((decl) => ({ path: f.path, decl })));
  }

  /** The evaluator over the loaded sample, or undefined when there is none (yet). */
  evaluator(): Evaluator | undefined {
    const store = this.data?.store;
    if (!store || this.dataStatus !== 'ready') return undefined;
    const asOfDay = this.asOfDay();
    if (!this.evaluatorInstance || this.evaluatorStore !== store) {
      this.evaluatorInstance = new Evaluator(store, { asOfDay });
      this.evaluatorStore = store;
    } else {
      this.evaluatorInstance.setAsOfDay(asOfDay);
    }
    return this.evaluatorInstance;
  }

  asOfDay(): number {
    return asOfDay(this.config);
  }
}
