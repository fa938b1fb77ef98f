// One project as the server holds it: its config, its segment files (open
// documents override the disk) and its data once loaded. What the server says
// about it comes from its snapshot (core/workspace/snapshot.ts), built anew
// after any change and reusing what did not change (the SnapshotCache).
import type { Diagnostic } from '../core/base/diagnostics';
import type { ProjectConfig } from '../core/project/config';
import { existsAsFile, readTextOrUndefined } from '../core/project/files';
import { listSegmentFiles } from '../core/project/find-project';
import type { SourceText } from '../core/project/open-projects';
import type { ProjectData } from '../core/workspace/project-data';
import { ProjectSnapshot, SnapshotCache, type DataStatus } from '../core/workspace/snapshot';

export interface OpenTexts {
  /** The editor's text of an open document, by path. */
  textOf(path: string): string | undefined;
}

export class ProjectState {
  config: ProjectConfig;
  configDiagnostics: Diagnostic[];
  data: ProjectData | undefined;
  private status: DataStatus = 'none';
  /** Bumped on every (re)load request, so a slow older load never overwrites a newer one. */
  dataGeneration = 0;

  private diskFiles: string[] = [];
  /** Open documents of this project that the disk listing does not hold (new, unsaved). */
  private readonly extraFiles = new Set<string>();
  private readonly diskTexts = new Map<string, string | null>();
  /** What each snapshot leaves for the next: parsed files and blocks, the evaluator. */
  private readonly cache = new SnapshotCache();
  private current: ProjectSnapshot | undefined;

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
    this.invalidate();
  }

  get dataStatus(): DataStatus {
    return this.status;
  }

  /** A (re)load started: sizes wait for it; the previous data stays in use for everything else. */
  dataLoading(): void {
    this.status = 'loading';
    this.invalidate();
  }

  setData(data: ProjectData): void {
    this.data = data;
    this.status = 'ready';
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
    this.invalidate();
  }

  /** Something changed: the next snapshot() is a new one. */
  invalidate(): void {
    this.current = undefined;
  }

  /** The project as it is now; the same object until something changes. */
  snapshot(): ProjectSnapshot {
    this.current ??= new ProjectSnapshot({
      config: this.config,
      configDiagnostics: this.configDiagnostics,
      sources: this.sources(),
      data: this.data,
      dataStatus: this.status,
      cache: this.cache,
    });
    return this.current;
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
}
