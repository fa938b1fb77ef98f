// The language server: capabilities, and the wiring from protocol messages to
// the services (one file per feature). Every handler goes through safe-handler,
// so a failing feature answers with an error and the server keeps running.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InlayHintRefreshRequest,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeActionParams,
  type Connection,
  type DocumentRangeFormattingParams,
  type InlayHintParams,
  type InitializeParams,
  type InitializeResult,
  type ReferenceParams,
  type RenameParams,
  type SemanticTokensRangeParams,
  type TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEGMENT_EXTENSION } from '../core/project/find-project';
import { codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { completion } from './completion';
import { bundledDataWorker } from '../host/bundled-workers';
import { existsAsFile } from '../core/project/files';
import { DataLoader, type ProgressReporter } from './data-loader';
import { definition } from './definition';
import { DiagnosticsPublisher } from './diagnostics';
import { foldingRanges } from './folding';
import { formatDocument, formatRange } from './formatting';
import { documentHighlights } from './highlights';
import { hover } from './hover';
import { inlayHints } from './inlay-hints';
import { segmentInsight } from './insight';
import type { ProjectState } from './project-state';
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { references } from './references';
import { prepareRename, rename } from './rename';
import { safeNotification, safeRequest, describeError, type Logger } from './safe-handler';
import {
  InsightRequest,
  type InsightParams,
  type InsightResult,
  CountOnWarehouseRequest,
  ReloadSampleRequest,
  SampleLocationRequest,
  SampleStatusNotification,
  SqlRequest,
  type CountOnWarehouseParams,
  type CountOnWarehouseResult,
  type ReloadSampleParams,
  type SampleLocationParams,
  type SampleLocationResult,
  type SqlParams,
  type SqlResult,
} from './protocol';
import { loadedStatus, loadingStatus } from './sample-status';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semantic-tokens';
import { segmentSql } from './sql';
import { countOnWarehouse } from './warehouse';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { documentSymbols, workspaceSymbols } from './symbols';
import { UriMap, uriToPath } from './uri';
import { WorkspaceState, type FileChange } from './workspace-state';

declare const SEGMENTS_VERSION: string | undefined;
export const SERVER_NAME = 'segments-language-server';
export const SERVER_VERSION = typeof SEGMENTS_VERSION === 'string' ? SEGMENTS_VERSION : '0.0.0-dev';

export const COMPLETION_TRIGGERS = [' ', '(', '"', '=', ',', '`', '.'];

interface ClientSupport {
  configuration: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
  codeLensRefresh: boolean;
  inlayHintRefresh: boolean;
  snippets: boolean;
  /** The client sends workspace/didChangeWorkspaceFolders (registering for it otherwise throws). */
  workspaceFolders: boolean;
}

function clientSupport(c: ClientCapabilities): ClientSupport {
  return {
    configuration: c.workspace?.configuration === true,
    watchedFilesRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport === true,
    inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport === true,
    snippets: c.textDocument?.completion?.completionItem?.snippetSupport === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
  };
}

/** Settings that change what a load reads: the sample is read again when one changes. */
function dataSettingsChanged(a: Settings, b: Settings): boolean {
  return a.sampleRowLimit !== b.sampleRowLimit || a.sampleMemoryLimitMB !== b.sampleMemoryLimitMB;
}

export function startServer(connection: Connection, options: { workerScript?: string | null } = {}): void {
  const documents = new TextDocuments(TextDocument);
  const uris = new UriMap();
  const log: Logger = { error: (m) => connection.console.error(m) };
  let settings: Settings = DEFAULT_SETTINGS;
  let support: ClientSupport = clientSupport({});
  let folders: string[] = [];
  /** Commands the client says it runs (initializationOptions.commands): CodeLenses become buttons only for those. */
  let clientCommands: ReadonlySet<string> = new Set();

  const isSegmentPath = (path: string): boolean => path.endsWith(SEGMENT_EXTENSION) || isSegmentDocument(path);
  const isSegmentDocument = (path: string): boolean => documents.get(uris.uriFor(path))?.languageId === 'segment';
  const openText = (path: string): string | undefined => {
    const doc = documents.get(uris.uriFor(path));
    return doc && (doc.languageId === 'segment' || path.endsWith(SEGMENT_EXTENSION)) ? doc.getText() : undefined;
  };

  const loader = new DataLoader(
    options.workerScript === null ? undefined : (options.workerScript ?? bundledDataWorker()),
    async (title): Promise<ProgressReporter> => {
      const reporter = await connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, undefined, false);
      return { report: (pct, message) => (message === undefined ? reporter.report(pct) : reporter.report(pct, message)), done: () => reporter.done() };
    },
    (m) => connection.console.warn(m),
    (m) => connection.console.info(m),
  );

  const uriFor = (path: string): string => uris.uriFor(path);

  let refreshPending = false;
  const refreshPreviews = (): void => {
    if (refreshPending) return;
    refreshPending = true;
    setImmediate(() => {
      refreshPending = false;
      if (support.codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (support.inlayHintRefresh) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    });
  };

  const publisher = new DiagnosticsPublisher(connection, uris, {
    versionOf: (path) => documents.get(uris.uriFor(path))?.version,
    afterAnalysis: (project) => {
      if (settings.previewEnabled && project.config.sample) refreshPreviews();
    },
    log: (m) => connection.console.error(m),
  });

  const workspace = new WorkspaceState({ textOf: openText }, loader, {
    projectChanged: (project, urgent) => publisher.schedule(project, urgent ? 0 : settings.debounceMs),
    filesDropped: (paths) => publisher.clear(paths),
    projectDropped: (project) => publisher.forget(project),
    log: (m) => connection.console.warn(m),
    rowLimit: () => settings.sampleRowLimit,
    memoryLimitMB: () => settings.sampleMemoryLimitMB,
    sampleCache: () => settings.sampleCache,
    dataProgress: (project, percent) => {
      const status = percent === undefined ? loadedStatus(project, uriFor) : loadingStatus(project, percent, uriFor);
      if (status) void connection.sendNotification(SampleStatusNotification, status);
    },
  });

  /** The project of a document a request is about; undefined for a file the server does not handle. */
  const projectOf = (uri: string): { project: ProjectState; path: string } | undefined => {
    const path = uriToPath(uri);
    const owner = workspace.findOwner(path);
    if (owner) return { project: owner, path };
    if (!isSegmentPath(path) || (documents.get(uri) === undefined && !existsAsFile(path))) return undefined;
    return { project: workspace.projectFor(path), path };
  };

  async function loadSettings(): Promise<void> {
    if (!support.configuration) return;
    try {
      const before = settings;
      settings = readSettings(await connection.workspace.getConfiguration('segments'));
      if (dataSettingsChanged(before, settings)) workspace.reloadAllData();
      if (before.previewEnabled !== settings.previewEnabled) refreshPreviews();
    } catch (e) {
      connection.console.warn(`could not read settings: ${describeError(e)}`);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    support = clientSupport(params.capabilities);
    settings = readSettings(params.initializationOptions?.settings ?? params.initializationOptions);
    const commands: unknown = params.initializationOptions?.commands;
    clientCommands = new Set(Array.isArray(commands) ? commands.filter((c): c is string => typeof c === 'string') : []);
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [uriToPath(params.rootUri)];
    else if (folders.length === 0 && params.rootPath) folders = [params.rootPath];
    return {
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  // Each step on its own: a client that refuses a registration, or a project that fails to
  // load, must not keep the folders from being indexed or their changes from being followed.
  connection.onInitialized(
    safeNotification('initialized', log, async () => {
      const step = async (name: string, run: () => unknown): Promise<void> => {
        try {
          await run();
        } catch (e) {
          log.error(`initialized: ${name} failed: ${describeError(e)}`);
        }
      };
      await step('reading settings', loadSettings);
      if (support.watchedFilesRegistration) {
        await step('watching files', () =>
          connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [
              { globPattern: `**/*${SEGMENT_EXTENSION}` },
              { globPattern: '**/segments.config.json' },
              { globPattern: '**/*.{json,csv,jsonl,ndjson}' },
            ],
          }),
        );
      }
      if (support.configurationRegistration) {
        await step('following settings', () => connection.client.register(DidChangeConfigurationNotification.type, { section: 'segments' }));
      }
      if (support.workspaceFolders) {
        await step('following workspace folders', () =>
          connection.workspace.onDidChangeWorkspaceFolders(
            safeNotification('workspace folders', log, (e) => {
              folders = [...folders.filter((f) => !e.removed.some((r) => uriToPath(r.uri) === f)), ...e.added.map((a) => uriToPath(a.uri))];
              workspace.setFolders(folders);
            }),
          ),
        );
      }
      await step('indexing the workspace folders', () => workspace.setFolders(folders));
    }),
  );

  connection.onDidChangeConfiguration(
    safeNotification('configuration', log, async (params) => {
      if (support.configuration) {
        await loadSettings();
      } else {
        const before = settings;
        settings = readSettings((params.settings as Record<string, unknown> | undefined)?.segments);
        if (dataSettingsChanged(before, settings)) workspace.reloadAllData();
        refreshPreviews();
      }
    }),
  );

  const justOpened = new Set<string>();
  documents.onDidOpen(
    safeNotification('didOpen', log, (e) => {
      const path = uris.remember(e.document.uri);
      if (!isSegmentPath(path)) return;
      justOpened.add(e.document.uri);
      workspace.documentOpened(path);
    }),
  );
  documents.onDidChangeContent(
    safeNotification('didChange', log, (e) => {
      const path = uriToPath(e.document.uri);
      if (!isSegmentPath(path)) return;
      const opening = justOpened.delete(e.document.uri);
      const project = workspace.documentChanged(path);
      publisher.schedule(project, opening ? 0 : settings.debounceMs);
    }),
  );
  documents.onDidClose(
    safeNotification('didClose', log, (e) => {
      const path = uriToPath(e.document.uri);
      justOpened.delete(e.document.uri);
      if (isSegmentPath(path) || path.endsWith(SEGMENT_EXTENSION)) workspace.documentClosed(path);
    }),
  );

  connection.onDidChangeWatchedFiles(
    safeNotification('didChangeWatchedFiles', log, (params) => {
      for (const change of params.changes) {
        const kind: FileChange = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        workspace.fileChanged(uriToPath(change.uri), kind);
      }
    }),
  );

  /** The snapshot of the project of a document a request is about; undefined for a file the server does not handle. */
  const snapshotOf = (uri: string): { snapshot: ProjectSnapshot; path: string } | undefined => {
    const at = projectOf(uri);
    return at && { snapshot: at.project.snapshot(), path: at.path };
  };
  /** A request about a document, answered from its project's snapshot (or `fallback` for a file the server does not handle). */
  const onDocument =
    <P extends { textDocument: { uri: string } }, R>(fallback: R, answer: (snapshot: ProjectSnapshot, path: string, params: P) => R) =>
    (params: P): R => {
      const at = snapshotOf(params.textDocument.uri);
      return at ? answer(at.snapshot, at.path, params) : fallback;
    };
  /** A request about a position in a document: the answer gets the position as an offset into the snapshot's text. */
  const onPosition = <P extends TextDocumentPositionParams, R>(fallback: R, answer: (snapshot: ProjectSnapshot, path: string, offset: number, params: P) => R) =>
    onDocument<P, R>(fallback, (snapshot, path, params) => {
      const index = snapshot.lineIndex(path);
      return index ? answer(snapshot, path, index.offsetAt(params.position), params) : fallback;
    });

  connection.onCompletion(safeRequest('completion', log, onDocument(null, (s, path, p) => completion(s, path, p, { snippets: support.snippets }))));
  connection.onHover(safeRequest('hover', log, onPosition(null, hover)));
  connection.onDefinition(safeRequest('definition', log, onPosition([], (s, path, offset) => definition(s, path, offset, uriFor))));
  connection.onReferences(
    safeRequest('references', log, onPosition([], (s, path, offset, p: ReferenceParams) => references(s, path, offset, p.context.includeDeclaration, uriFor))),
  );
  connection.onDocumentHighlight(safeRequest('documentHighlight', log, onPosition([], documentHighlights)));
  connection.onPrepareRename(safeRequest('prepareRename', log, onPosition(null, prepareRename)));
  connection.onRenameRequest(safeRequest('rename', log, onPosition(null, (s, path, offset, p: RenameParams) => rename(s, path, offset, p.newName, uriFor))));
  connection.onDocumentSymbol(safeRequest('documentSymbol', log, onDocument([], (s, path) => documentSymbols(s, path))));
  connection.onWorkspaceSymbol(
    safeRequest('workspaceSymbol', log, (params) => workspaceSymbols(workspace.allProjects().map((p) => p.snapshot()), params.query, uriFor)),
  );
  connection.onFoldingRanges(safeRequest('foldingRange', log, onDocument([], (s, path) => foldingRanges(s, path))));
  connection.languages.semanticTokens.on(safeRequest('semanticTokens', log, onDocument({ data: [] }, (s, path) => semanticTokens(s, path))));
  connection.languages.semanticTokens.onRange(
    safeRequest('semanticTokensRange', log, onDocument({ data: [] }, (s, path, p: SemanticTokensRangeParams) => semanticTokens(s, path, p.range))),
  );
  connection.onDocumentFormatting(safeRequest('formatting', log, onDocument([], (s, path) => formatDocument(s, path))));
  connection.onDocumentRangeFormatting(
    safeRequest('rangeFormatting', log, onDocument([], (s, path, p: DocumentRangeFormattingParams) => formatRange(s, path, p.range))),
  );
  connection.onCodeAction(safeRequest('codeAction', log, onDocument([], (s, path, p: CodeActionParams) => codeActions(s, path, p, uriFor))));
  connection.onCodeLens(
    safeRequest('codeLens', log, onDocument([], (s, path, p) => (settings.previewEnabled ? codeLenses(s, path, { commands: clientCommands, uri: p.textDocument.uri }) : []))),
  );
  connection.languages.inlayHint.on(
    safeRequest('inlayHint', log, onDocument([], (s, path, p: InlayHintParams) => (settings.previewEnabled ? inlayHints(s, path, p.range) : []))),
  );

  // The requests of protocol.ts, beyond LSP.
  connection.onRequest(
    SqlRequest,
    safeRequest('segments/sql', log, (params: SqlParams): SqlResult => {
      const at = snapshotOf(params.uri);
      const index = at?.snapshot.lineIndex(at.path);
      if (!at || !index) return { error: 'This file is not a .segment file the server knows.' };
      return segmentSql(at.snapshot, at.path, index.offsetAt(params.position), params.dialect, params.segment);
    }),
  );
  connection.onRequest(
    InsightRequest,
    safeRequest('segments/insight', log, (params: InsightParams): InsightResult => {
      const at = snapshotOf(params.uri);
      const index = at?.snapshot.lineIndex(at.path);
      if (!at || !index) return { error: 'This file is not a .segment file the server knows.' };
      const offset = params.position ? index.offsetAt(params.position) : undefined;
      return segmentInsight(at.snapshot, at.path, { offset, segment: params.segment, attribute: params.attribute, memberLimit: params.memberLimit }, uriFor);
    }),
  );
  connection.onRequest(
    CountOnWarehouseRequest,
    safeRequest('segments/countOnWarehouse', log, async (params: CountOnWarehouseParams): Promise<CountOnWarehouseResult> => {
      const at = snapshotOf(params.uri);
      if (!at) return { error: 'This file is not a .segment file the server knows.' };
      return countOnWarehouse(at.snapshot, at.path, params, settings);
    }),
  );
  connection.onRequest(
    ReloadSampleRequest,
    safeRequest('segments/reloadSample', log, (params: ReloadSampleParams | undefined): null => {
      if (params?.uri) {
        const at = projectOf(params.uri);
        if (at?.project.hasData) void workspace.loadData(at.project);
      } else {
        workspace.reloadAllData();
      }
      return null;
    }),
  );
  connection.onRequest(
    SampleLocationRequest,
    safeRequest('segments/sampleLocation', log, (params: SampleLocationParams): SampleLocationResult => {
      const sample = projectOf(params.uri)?.project.config.sample;
      return sample ? uriFor(sample) : null;
    }),
  );

  connection.onShutdown(() => loader.cancelAll());

  documents.listen(connection);
  connection.listen();
}
