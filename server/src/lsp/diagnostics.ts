// Publishes diagnostics. Edits are debounced per project (a newer edit restarts
// the wait, so older work is never done); when the wait ends the project's
// snapshot of that moment lists every diagnostic (the same list `segments
// check` prints), and every file whose diagnostics changed is published — the
// edited one and any other file a change breaks or mends (a renamed segment
// id). Open documents are published with the version the snapshot saw. Config,
// schema and sample problems go to those JSON/CSV files.
import type { Connection, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Diagnostic } from '../core/base/diagnostics';
import { toLspDiagnostic } from './convert';
import type { ProjectState } from './project-state';
import type { UriMap } from './uri';

export interface PublishHooks {
  versionOf(path: string): number | undefined;
  /** After a project's diagnostics were recomputed: sizes may have changed too. */
  afterAnalysis(project: ProjectState): void;
  log(message: string): void;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<ProjectState, NodeJS.Timeout>();
  /** What each URI shows now, to publish only what changed. */
  private readonly shown = new Map<string, string>();
  private readonly urisOfProject = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly uris: UriMap,
    private readonly hooks: PublishHooks,
  ) {}

  schedule(project: ProjectState, delayMs: number): void {
    const pending = this.timers.get(project);
    if (pending) clearTimeout(pending);
    this.timers.set(
      project,
      setTimeout(() => {
        this.timers.delete(project);
        try {
          this.publishNow(project);
        } catch (e) {
          this.hooks.log(`diagnostics failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        }
      }, delayMs),
    );
  }

  /** Cancels pending work for a project that is gone. */
  forget(project: ProjectState): void {
    const pending = this.timers.get(project);
    if (pending) clearTimeout(pending);
    this.timers.delete(project);
  }

  publishNow(project: ProjectState): void {
    const snapshot = project.snapshot();
    const byFile = new Map<string, Diagnostic[]>();
    for (const path of snapshot.filePaths()) byFile.set(path, []);
    for (const d of snapshot.diagnostics()) {
      let list = byFile.get(d.file);
      if (!list) byFile.set(d.file, (list = []));
      list.push(d);
    }
    const uris = new Set<string>();
    for (const [path, diagnostics] of byFile) {
      const uri = this.uris.uriFor(path);
      uris.add(uri);
      const lsp = diagnostics.map((d) => toLspDiagnostic(d, (p) => snapshot.lineIndex(p), (p) => this.uris.uriFor(p)));
      this.send(uri, lsp, this.hooks.versionOf(path));
    }
    // Files this project reported on before and no longer does (a file deleted, a config fixed).
    for (const uri of this.urisOfProject.get(project.key) ?? []) {
      if (!uris.has(uri)) this.send(uri, [], undefined);
    }
    this.urisOfProject.set(project.key, uris);
    this.hooks.afterAnalysis(project);
  }

  clear(paths: string[]): void {
    for (const path of paths) this.send(this.uris.uriFor(path), [], undefined);
  }

  private send(uri: string, diagnostics: LspDiagnostic[], version: number | undefined): void {
    // An open document is republished for each new version it was analysed at, so the
    // editor knows the diagnostics it shows are current; other files only when they change.
    const key = `${version ?? ''}\u0000${JSON.stringify(diagnostics)}`;
    if (this.shown.get(uri) === key) return;
    this.shown.set(uri, key);
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }
}
