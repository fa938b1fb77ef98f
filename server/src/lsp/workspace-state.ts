// Every project the server knows: one per segments.config.json (found from the
// workspace folders and from opened files), plus one per loose `.segment` file
// with no config above it. Reacts to file events: a segment file changed on
// disk, a config edited, a schema or sample replaced — reloading only what the
// event touches, without a restart.
import { basename, dirname, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, type ProjectConfig } from '../core/project/config';
import { findConfigFile, findConfigFiles, SEGMENT_EXTENSION } from '../core/project/find-project';
import { defaultConfig, loadConfig } from '../core/project/load-config';
import { LoadCancelled, type DataLoader } from './data-loader';
import { ProjectState, type OpenTexts } from './project-state';
import { isVirtualPath } from './uri';
import { loadFailure } from '../core/workspace/project-data';

export type FileChange = 'created' | 'changed' | 'deleted';

export interface WorkspaceHooks {
  /** The project's files, config or data changed: its diagnostics and previews are due. */
  projectChanged(project: ProjectState, urgent: boolean): void;
  /** These files no longer belong to any project the server reports on. */
  filesDropped(paths: string[]): void;
  /** The project is gone: pending work for it must not run. */
  projectDropped(project: ProjectState): void;
  log(message: string): void;
  rowLimit(): number | undefined;
  /** segments.sample.memoryLimitMB; undefined: the default budget. */
  memoryLimitMB?(): number | undefined;
  /** Whether loads use the project's sample cache (the `sample.cache` setting). */
  sampleCache(): boolean;
  /** A load of the project's data started, advanced (percent) or ended (undefined). */
  dataProgress(project: ProjectState, percent: number | undefined): void;
}

export class WorkspaceState {
  private readonly projects = new Map<string, ProjectState>();
  private readonly openPaths = new Set<string>();
  private folders: string[] = [];

  constructor(
    private readonly open: OpenTexts,
    private readonly loader: DataLoader,
    private readonly hooks: WorkspaceHooks,
  ) {}

  allProjects(): ProjectState[] {
    return [...this.projects.values()];
  }

  /** The project a segment file belongs to, created (and its data load started) when new. */
  projectFor(path: string): ProjectState {
    for (const p of this.projects.values()) if (p.owns(path)) return p;
    const configFile = isVirtualPath(path) ? undefined : findConfigFile(path);
    const key = configFile ?? `file:${path}`;
    let project = this.projects.get(key);
    if (!project) {
      project = configFile
        ? new ProjectState(key, loadConfig(configFile), this.open)
        : new ProjectState(key, { config: defaultConfig(isVirtualPath(path) ? process.cwd() : dirname(path)), diagnostics: [] }, this.open, path);
      this.projects.set(key, project);
      if (project.hasData) void this.loadData(project);
    }
    if (!project.owns(path)) project.addOpenFile(path);
    return project;
  }

  /** The project that owns the file, without creating one. */
  findOwner(path: string): ProjectState | undefined {
    for (const p of this.projects.values()) if (p.owns(path)) return p;
    return undefined;
  }

  documentOpened(path: string): ProjectState {
    this.openPaths.add(path);
    const project = this.projectFor(path);
    project.invalidate();
    return project;
  }

  documentChanged(path: string): ProjectState {
    const project = this.projectFor(path);
    project.invalidate();
    return project;
  }

  documentClosed(path: string): void {
    this.openPaths.delete(path);
    const project = this.findOwner(path);
    if (!project) return;
    project.closeFile(path);
    project.diskTextChanged(path);
    if (project.isLoose) {
      // A loose file is only reported on while it is open.
      this.projects.delete(project.key);
      this.hooks.projectDropped(project);
      this.hooks.filesDropped([path]);
    } else if (!project.owns(path)) {
      this.hooks.filesDropped([path]);
      this.hooks.projectChanged(project, false);
    } else {
      this.hooks.projectChanged(project, false);
    }
  }

  /** Finds every project under the workspace folders, so workspace symbols and project-wide diagnostics cover unopened files. */
  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => resolve(f));
    for (const folder of this.folders) {
      for (const configFile of findConfigFiles(folder)) {
        // One project that cannot be opened must not keep the next ones from being indexed.
        try {
          this.ensureConfigProject(configFile);
        } catch (e) {
          this.hooks.log(`could not open the project of ${configFile}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        }
      }
    }
  }

  private ensureConfigProject(configFile: string): ProjectState {
    let project = this.projects.get(configFile);
    if (!project) {
      project = new ProjectState(configFile, loadConfig(configFile), this.open);
      this.projects.set(configFile, project);
      this.hooks.projectChanged(project, true);
      void this.loadData(project);
    }
    return project;
  }

  /** (Re)loads the project's schema and sample; the previous data stays in use until the new data is there. */
  async loadData(project: ProjectState): Promise<void> {
    const generation = ++project.dataGeneration;
    project.dataLoading();
    this.hooks.dataProgress(project, 0);
    try {
      const data = await this.loader.load(project.key, {
        config: project.config,
        rowLimit: this.hooks.rowLimit(),
        memoryLimitMB: this.hooks.memoryLimitMB?.(),
        cache: this.hooks.sampleCache(),
        onProgress: (percent) => {
          if (generation === project.dataGeneration) this.hooks.dataProgress(project, percent);
        },
      });
      if (generation !== project.dataGeneration || this.projects.get(project.key) !== project) return;
      project.setData(data);
      this.hooks.dataProgress(project, undefined);
      this.hooks.projectChanged(project, true);
    } catch (e) {
      if (e instanceof LoadCancelled) return;
      this.hooks.log(`loading the data of ${project.key} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (generation === project.dataGeneration) {
        project.setData(loadFailure(project.config, e instanceof Error ? e.message : String(e)));
        this.hooks.dataProgress(project, undefined);
        this.hooks.projectChanged(project, true);
      }
    }
  }

  reloadAllData(): void {
    for (const p of this.projects.values()) if (p.hasData) void this.loadData(p);
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles). */
  fileChanged(path: string, change: FileChange): void {
    const name = basename(path);
    if (name === CONFIG_FILE_NAME) {
      this.configFileChanged(path, change);
      return;
    }
    if (path.endsWith(SEGMENT_EXTENSION)) {
      this.segmentFileChanged(path, change);
      return;
    }
    for (const project of this.projects.values()) {
      if (!project.hasData) continue;
      const { config } = project;
      if (change === 'changed' && (path === config.sample || path === config.events || path === config.schema)) {
        void this.loadData(project);
      } else if (change !== 'changed' && (isInside(path, config.root) || path === config.sample || path === config.events || path === config.schema)) {
        // A file the config names may just have appeared or vanished: its "file not found" changes,
        // and a data file replaced by delete-and-create must be read again.
        const isDataFile = path === config.sample || path === config.events || path === config.schema;
        this.reloadConfig(project, isDataFile);
      }
    }
  }

  private segmentFileChanged(path: string, change: FileChange): void {
    if (change === 'changed') {
      const owner = this.findOwner(path);
      if (owner) {
        owner.diskTextChanged(path);
        this.hooks.projectChanged(owner, false);
      }
      return;
    }
    const owner = change === 'deleted' ? this.findOwner(path) : undefined;
    if (owner) {
      owner.diskTextChanged(path);
      owner.refreshFileList();
      if (!owner.owns(path)) this.hooks.filesDropped([path]);
      this.hooks.projectChanged(owner, false);
      return;
    }
    if (change === 'created') {
      const configFile = findConfigFile(path);
      const project = configFile ? this.projects.get(configFile) : undefined;
      if (project) {
        project.refreshFileList();
        this.hooks.projectChanged(project, false);
      }
    }
  }

  private configFileChanged(path: string, change: FileChange): void {
    const existing = this.projects.get(path);
    if (change === 'changed' && existing) {
      this.reloadConfig(existing);
      return;
    }
    // A config appeared or vanished: which files belong to which project changes. Start over.
    this.rebuild();
  }

  private reloadConfig(project: ProjectState, reloadData = false): void {
    if (!project.config.configFile) return;
    const before = project.config;
    project.setConfig(loadConfig(project.config.configFile));
    project.refreshFileList();
    if (reloadData || dataInputsChanged(before, project.config)) void this.loadData(project);
    this.hooks.projectChanged(project, true);
  }

  /** Drops every project and re-creates them from the workspace folders and the open documents. */
  rebuild(): void {
    const before = new Set(this.allProjects().flatMap((p) => [...p.filePaths(), ...jsonFiles(p)]));
    this.loader.cancelAll();
    for (const p of this.projects.values()) this.hooks.projectDropped(p);
    this.projects.clear();
    this.setFolders(this.folders);
    for (const path of this.openPaths) this.projectFor(path);
    const after = new Set(this.allProjects().flatMap((p) => p.filePaths()));
    this.hooks.filesDropped([...before].filter((f) => !after.has(f)));
    for (const p of this.projects.values()) this.hooks.projectChanged(p, true);
  }
}

function dataInputsChanged(a: ProjectConfig, b: ProjectConfig): boolean {
  return a.sample !== b.sample || a.events !== b.events || a.schema !== b.schema || a.idColumn !== b.idColumn;
}

function jsonFiles(p: ProjectState): string[] {
  const c = p.config;
  return [c.configFile, c.schema, c.sample, c.events].filter((f): f is string => f !== undefined);
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
