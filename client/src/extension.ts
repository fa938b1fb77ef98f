// The VS Code side of the Segments tooling: a thin client. It starts the
// bundled language server (dist/server.js) over Node IPC, forwards the file
// events the server needs to reload a project's data, shows the sample's state
// in the status bar and offers the SQL / sample commands. Every feature itself
// (diagnostics, completion, previews, …) lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { insightPanel, registerCommands } from './commands';
import type { InsightPanel } from './insight-panel';
import { SqlDocuments } from './sql-documents';
import { serverEnvironment } from '../../server/src/lsp/launch-environment';
import { SampleStatusNotification, SHOW_INSIGHT_COMMAND, SHOW_SQL_COMMAND, type SampleStatus, type SegmentCommandArgs } from './protocol';
import { SampleStatusBar } from './sample-status-bar';

let client: LanguageClient | undefined;

/** What tests (and other extensions) can reach through `extension.exports`. */
export interface SegmentsApi {
  client(): LanguageClient | undefined;
  sampleStatus(documentUri?: string): SampleStatus | undefined;
  statusBarText(): string | undefined;
  /** The insight panel (open or not). */
  insightPanel(): InsightPanel | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<SegmentsApi> {
  const statusBar = new SampleStatusBar();
  context.subscriptions.push(statusBar);
  registerCommands(context, () => client);
  context.subscriptions.push(new SqlDocuments(() => client));
  const api: SegmentsApi = {
    client: () => client,
    sampleStatus: (uri) => statusBar.statusFor(uri),
    statusBarText: () => statusBar.text,
    insightPanel: () => insightPanel,
  };

  const serverModule = context.asAbsolutePath('dist/server.js');
  const env = serverEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'segment' },
      { scheme: 'untitled', language: 'segment' },
      { scheme: 'file', pattern: '**/segments.config.json' },
    ],
    // No synchronize.fileEvents: the server registers its own file watchers (so every
    // editor gets reloads), and forwarding them here too would load a changed sample twice.
    // `commands`: the CodeLens above a segment opens the insight panel, and a second one its SQL.
    initializationOptions: { settings: vscode.workspace.getConfiguration('segments'), commands: [SHOW_INSIGHT_COMMAND, SHOW_SQL_COMMAND] },
    outputChannelName: 'Segments',
    middleware: {
      // LSP 3.17 commands carry no tooltip: the server sends it in the command's argument.
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        for (const lens of lenses ?? []) {
          const args = lens.command?.arguments?.[0] as SegmentCommandArgs | undefined;
          if (lens.command && args?.tooltip) lens.command.tooltip = args.tooltip;
        }
        return lenses;
      },
    },
  };

  client = new LanguageClient('segments', 'Segments Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification(SampleStatusNotification, (status: SampleStatus) => {
      statusBar.update(status);
      // New data: the panel's numbers are of the old sample until it asks again.
      if (status.state === 'ready' && insightPanel?.isOpen) void insightPanel.refresh();
    }),
  );
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(`The Segments language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return api;
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping?.isRunning()) await stopping.stop();
}
